using Platform.Contracts;

namespace Platform.Workers;

/// <summary>Outcomes of one item's run, built with the item's ids and the run's start already filled in.</summary>
public sealed record JobItemRun(RunJobItem Item, DateTimeOffset StartedAt, TimeProvider Time)
{
    public JobItemCompleted Succeeded(int attempts) => Outcome(JobItemOutcome.Succeeded, attempts);

    public JobItemCompleted Failed(int attempts, string errorCode, string error) =>
        Outcome(JobItemOutcome.Failed, attempts) with { ErrorCode = errorCode, Error = error };

    public JobItemCompleted Skipped() => Outcome(JobItemOutcome.Skipped, 0) with { Error = "Job was cancelled before the item started" };

    private JobItemCompleted Outcome(JobItemOutcome outcome, int attempts) =>
        new(Item.ItemId, Item.JobId, outcome, PredictionJson: null, RawText: null, Confidence: null, Error: null, ErrorCode: null, attempts,
            StartedAt, Time.GetUtcNow(), PromptTokens: null, CompletionTokens: null, AnsweredBy: null);
}
