using System.Security.Cryptography;
using MassTransit;
using Platform.Contracts;
using Platform.Contracts.Http.Models;
using Platform.Providers.Models;
using Platform.Providers.Prediction;
using Platform.Providers.Registry;
using Platform.Providers.Resilience;
using Platform.Providers.Routing;
using Platform.Llm.Data.Security;
using Platform.Workers;

namespace Platform.ProviderWorker.Items;

/// <summary>
/// Runs one job item against its provider and publishes the outcome. Provider failures are results,
/// not exceptions: the message is acknowledged and Jobs records the failure.
/// </summary>
public sealed class RunJobItemConsumer(
    JobItemExecution execution,
    Predictor predictor,
    ModelRegistry registry,
    ModelConfigValidator validator,
    SecretProtector secrets,
    ChatRequestItems chatRequests,
    EmbeddingsRequestItems embeddingsRequests) : IConsumer<RunJobItem>
{
    public Task Consume(ConsumeContext<RunJobItem> context) => execution.ExecuteAsync(context, RunAsync);

    private async Task<JobItemCompleted> RunAsync(JobItemRun run, CancellationToken cancellationToken)
    {
        var item = run.Item;
        if (string.IsNullOrEmpty(item.Model.ModelType))
        {
            // A model registered a moment ago on a Gateway may not have reached this replica's periodic refresh yet.
            await registry.ServesAsync(item.Model.ModelName, cancellationToken);
        }

        if (Target(item.Model) is not { } target)
        {
            return run.Failed(0, ProviderErrorCode.InvalidRequest,
                $"Model config {item.Model.ModelType}/{item.Model.ModelName} is not usable by this worker (base URL not allowed or key unreadable)");
        }

        if (item.Kind == JobItemKind.ChatRequest)
        {
            return await chatRequests.RunAsync(run, target, cancellationToken);
        }

        if (item.Kind == JobItemKind.EmbeddingsRequest)
        {
            return await embeddingsRequests.RunAsync(run, target, cancellationToken);
        }

        try
        {
            var policy = new CallPolicy(item.RetryAttempts, TimeSpan.FromSeconds(item.TimeoutSeconds))
            {
                RetryDelay = item.RetryDelaySeconds is { } delay ? TimeSpan.FromSeconds(delay) : null,
            };
            // An item naming a registered model may set its own prompt and sampling; a full config carries them already.
            var settings = string.IsNullOrEmpty(item.Model.ModelType)
                ? new PromptSettings(item.Model.PromptTemplate, item.Model.Temperature, item.Model.MaxTokens, item.Model.SystemPrompt)
                : PromptSettings.ModelDefaults;
            var prediction = await predictor.PredictAsync(target, item.Content, policy, CallMode.Batch, settings, item.Owner, cancellationToken);
            return run.Succeeded(prediction.Attempts) with
            {
                PredictionJson = prediction.Prediction?.GetRawText(),
                RawText = prediction.RawText,
                Confidence = prediction.Confidence,
                PromptTokens = prediction.PromptTokens,
                CompletionTokens = prediction.CompletionTokens,
                AnsweredBy = prediction.AnsweredBy,
            };
        }
        catch (PredictionFailedException failure)
        {
            return run.Failed(failure.Attempts, failure.Cause.ErrorCode, failure.Message);
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
            SystemPrompt = spec.SystemPrompt,
            EnableCache = spec.EnableCache,
            CacheTtl = spec.CacheTtl,
        };
        return validator.Validate(config, "model").Count == 0 ? RouteTarget.For(ModelConfigValidator.Resolve(config)) : null;
    }
}
