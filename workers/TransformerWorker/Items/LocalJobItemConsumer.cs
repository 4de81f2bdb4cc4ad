using MassTransit;
using Platform.Contracts;
using Platform.Providers.Accounting;
using Platform.Providers.Extraction;
using Platform.Providers.Models;
using Platform.Providers.Prompts;
using Platform.Providers.Resilience;
using Platform.Providers.Routing;
using Platform.ServiceDefaults;
using Platform.Transformer;
using Platform.TransformerWorker.Completions;

namespace Platform.TransformerWorker.Items;

/// <summary>
/// Runs a `model_type: local` job item on this worker's model, accounts for it as the ProviderWorker does
/// its calls (a local model costs nothing) and publishes the outcome. The local model answers the same way
/// every time, so a failure is final: no retries, only the item's time limit.
/// </summary>
public sealed class LocalJobItemConsumer(LocalGeneration generation, CancelledJobs cancelledJobs, UsageRecorder usage, TimeProvider time)
    : IConsumer<RunJobItem>
{
    public async Task Consume(ConsumeContext<RunJobItem> context)
    {
        var (item, started) = (context.Message, time.GetUtcNow());
        var outcome = cancelledJobs.Contains(item.JobId)
            ? Outcome(item, started, JobItemOutcome.Skipped, attempts: 0) with { Error = "Job was cancelled before the item started" }
            : await RunAsync(item, started, context.CancellationToken);
        if (outcome.Outcome != JobItemOutcome.Skipped)
        {
            usage.Record(new UsageRecord(item.Model.ModelName, DeploymentId: null, CallMode.Batch, outcome.PromptTokens ?? 0,
                outcome.CompletionTokens ?? 0, TokensEstimated: false, Cost: 0, (int)(outcome.FinishedAt - started).TotalMilliseconds,
                outcome.Outcome == JobItemOutcome.Succeeded, outcome.ErrorCode, outcome.FinishedAt, ApiKeyId: null));
        }

        await context.Publish(outcome);
    }

    private async Task<JobItemCompleted> RunAsync(RunJobItem item, DateTimeOffset started, CancellationToken cancellationToken)
    {
        if (generation.Find(item.Model.ModelName) is not { } model)
        {
            return Failed(item, started, ProviderErrorCode.InvalidRequest,
                $"local model '{item.Model.ModelName}' is not served by this worker; it serves: {string.Join(", ", generation.ModelNames)}");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(item.TimeoutSeconds));
        var prompt = ChatPrompt.Render([("user", PromptRenderer.Render(item.Model.PromptTemplate ?? ModelConfigValidator.ContentPlaceholder, item.Content))]);
        var options = new GenerationOptions
        {
            MaxNewTokens = item.Model.MaxTokens ?? LocalGeneration.DefaultMaxTokens,
            Temperature = (float)(item.Model.Temperature ?? 1),
        };
        try
        {
            var completion = await generation.CompleteAsync(model, prompt, options, timeout.Token);
            var answer = JsonAnswerExtractor.Extract(completion.Text);
            return Outcome(item, started, JobItemOutcome.Succeeded, attempts: 1) with
            {
                PredictionJson = answer.Json?.GetRawText(),
                RawText = completion.Text,
                Confidence = answer.Confidence,
                PromptTokens = completion.PromptTokens,
                CompletionTokens = completion.CompletionTokens,
                AnsweredBy = $"{ProviderKinds.Local}/{model.Name}",
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(item, started, ProviderErrorCode.RequestTimeout, $"local model '{model.Name}' did not finish within {item.TimeoutSeconds} s");
        }
    }

    private JobItemCompleted Failed(RunJobItem item, DateTimeOffset started, string errorCode, string error) =>
        Outcome(item, started, JobItemOutcome.Failed, attempts: 1) with { ErrorCode = errorCode, Error = error };

    private JobItemCompleted Outcome(RunJobItem item, DateTimeOffset started, JobItemOutcome outcome, int attempts) =>
        new(item.ItemId, item.JobId, outcome, PredictionJson: null, RawText: null, Confidence: null, Error: null, ErrorCode: null, attempts,
            started, time.GetUtcNow(), PromptTokens: null, CompletionTokens: null, AnsweredBy: null);
}
