using MassTransit;
using Platform.Contracts;
using Platform.Providers.Accounting;
using Platform.Providers.Extraction;
using Platform.Providers.Models;
using Platform.Providers.Prompts;
using Platform.Providers.Resilience;
using Platform.Providers.Routing;
using Platform.Transformer;
using Platform.TransformerWorker.Completions;
using Platform.Workers;

namespace Platform.TransformerWorker.Items;

/// <summary>
/// Runs a `model_type: local` job item on this worker's model, accounts for it as the ProviderWorker does
/// its calls (a local model costs nothing) and publishes the outcome. The local model answers the same way
/// every time, so a failure is final: no retries, only the item's time limit.
/// </summary>
public sealed class LocalJobItemConsumer(JobItemExecution execution, LocalGeneration generation, UsageRecorder usage)
    : IConsumer<RunJobItem>
{
    public Task Consume(ConsumeContext<RunJobItem> context) => execution.ExecuteAsync(context, async (run, cancellationToken) =>
    {
        var outcome = await RunAsync(run, cancellationToken);
        usage.Record(new UsageRecord(run.Item.Model.ModelName, DeploymentId: null, CallMode.Batch, outcome.PromptTokens ?? 0,
            outcome.CompletionTokens ?? 0, TokensEstimated: false, Cost: 0, (int)(outcome.FinishedAt - run.StartedAt).TotalMilliseconds,
            outcome.Outcome == JobItemOutcome.Succeeded, outcome.ErrorCode, outcome.FinishedAt, ApiKeyId: null));
        return outcome;
    });

    private async Task<JobItemCompleted> RunAsync(JobItemRun run, CancellationToken cancellationToken)
    {
        var item = run.Item;
        if (generation.Find(item.Model.ModelName) is not { } model)
        {
            return run.Failed(1, ProviderErrorCode.InvalidRequest,
                $"local model '{item.Model.ModelName}' is not served by this worker; it serves: {string.Join(", ", generation.ModelNames)}");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(item.TimeoutSeconds));
        var prompt = ChatPrompt.Render(PromptRenderer.Messages(item.Model.SystemPrompt,
            PromptRenderer.Render(item.Model.PromptTemplate ?? ModelConfigValidator.ContentPlaceholder, item.Content))
            .Select(message => (message.Role.Value, message.Text)));
        var options = new GenerationOptions
        {
            MaxNewTokens = item.Model.MaxTokens ?? LocalGeneration.DefaultMaxTokens,
            Temperature = (float)(item.Model.Temperature ?? 1),
        };
        try
        {
            var completion = await generation.CompleteAsync(model, prompt, options, timeout.Token);
            var answer = JsonAnswerExtractor.Extract(completion.Text);
            return run.Succeeded(attempts: 1) with
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
            return run.Failed(1, ProviderErrorCode.RequestTimeout, $"local model '{model.Name}' did not finish within {item.TimeoutSeconds} s");
        }
    }
}
