using System.Security.Cryptography;
using MassTransit;
using Platform.Contracts;
using Platform.Providers.Models;
using Platform.Providers.Prediction;
using Platform.Providers.Registry;
using Platform.Providers.Resilience;
using Platform.Providers.Routing;
using Platform.Providers.Security;
using Platform.ServiceDefaults;

namespace Platform.ProviderWorker.Items;

/// <summary>
/// Runs one job item against its provider and publishes the outcome. Provider failures are results,
/// not exceptions: the message is acknowledged and Jobs records the failure. Only infrastructure
/// faults throw, so that the message is redelivered.
/// </summary>
public sealed class RunJobItemConsumer(
    Predictor predictor,
    ModelRegistry registry,
    ModelConfigValidator validator,
    SecretProtector secrets,
    CancelledJobs cancelledJobs,
    TimeProvider time) : IConsumer<RunJobItem>
{
    public async Task Consume(ConsumeContext<RunJobItem> context)
    {
        var item = context.Message;
        var started = time.GetUtcNow();
        if (cancelledJobs.Contains(item.JobId))
        {
            await context.Publish(Outcome(item, started, JobItemOutcome.Skipped, attempts: 0, error: "Job was cancelled before the item started"));
            return;
        }

        if (string.IsNullOrEmpty(item.Model.ModelType))
        {
            // A model registered a moment ago on a Gateway may not have reached this replica's periodic refresh yet.
            await registry.ServesAsync(item.Model.ModelName, context.CancellationToken);
        }

        if (Target(item.Model) is not { } target)
        {
            await context.Publish(Outcome(item, started, JobItemOutcome.Failed, 0, ProviderErrorCode.InvalidRequest,
                $"Model config {item.Model.ModelType}/{item.Model.ModelName} is not usable by this worker (base URL not allowed or key unreadable)"));
            return;
        }

        try
        {
            var policy = new CallPolicy(item.RetryAttempts, TimeSpan.FromSeconds(item.TimeoutSeconds));
            // An item naming a registered model may set its own prompt and sampling; a full config carries them already.
            var settings = string.IsNullOrEmpty(item.Model.ModelType)
                ? new PromptSettings(item.Model.PromptTemplate, item.Model.Temperature, item.Model.MaxTokens)
                : PromptSettings.ModelDefaults;
            var prediction = await predictor.PredictAsync(target, item.Content, policy, CallMode.Batch, settings, context.CancellationToken);
            await context.Publish(Outcome(item, started, JobItemOutcome.Succeeded, prediction.Attempts) with
            {
                PredictionJson = prediction.Prediction?.GetRawText(),
                RawText = prediction.RawText,
                Confidence = prediction.Confidence,
                PromptTokens = prediction.PromptTokens,
                CompletionTokens = prediction.CompletionTokens,
                AnsweredBy = prediction.AnsweredBy,
            });
        }
        catch (PredictionFailedException failure)
        {
            await context.Publish(Outcome(item, started, JobItemOutcome.Failed, failure.Attempts, failure.Cause.ErrorCode, failure.Message));
        }
    }

    /// <summary>
    /// An item without a model type names a model registered in the catalog; otherwise its config is
    /// re-checked with this worker's own allowlist and its key decrypted.
    /// </summary>
    private RouteTarget? Target(ModelSpec spec)
    {
        if (string.IsNullOrEmpty(spec.ModelType))
        {
            return RouteTarget.Named(spec.ModelName);
        }

        string? apiKey;
        try
        {
            apiKey = spec.EncryptedApiKey is null ? null : secrets.Unprotect(spec.EncryptedApiKey);
        }
        catch (CryptographicException)
        {
            return null;
        }

        var config = new AiModelConfig
        {
            ModelType = spec.ModelType,
            ModelName = spec.ModelName,
            BaseUrl = spec.BaseUrl,
            ApiKey = apiKey,
            Temperature = spec.Temperature,
            MaxTokens = spec.MaxTokens,
            PromptTemplate = spec.PromptTemplate,
        };
        return validator.Validate(config, "model").Count == 0 ? RouteTarget.For(ModelConfigValidator.Resolve(config)) : null;
    }

    private JobItemCompleted Outcome(RunJobItem item, DateTimeOffset started, JobItemOutcome outcome, int attempts,
        string? errorCode = null, string? error = null) =>
        new(item.ItemId, item.JobId, outcome, PredictionJson: null, RawText: null, Confidence: null, error, errorCode, attempts,
            started, time.GetUtcNow(), PromptTokens: null, CompletionTokens: null, AnsweredBy: null);
}
