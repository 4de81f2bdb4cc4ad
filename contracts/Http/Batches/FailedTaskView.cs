namespace Platform.Contracts.Http.Batches;

/// <summary>One failed task in a job's `failed_tasks_details`.</summary>
public sealed record FailedTaskView(string TaskId, string Status, string Error, string? ErrorCode, string ModelType, string ModelName, int Attempts,
    double? ProcessingTime)
{
    /// <summary>The failure as a row of `results` would carry it, for clients that list both together.</summary>
    public ItemResultView ToResult() => new(TaskId, Status, null, null, null, ProcessingTime, ModelType, ModelName, Attempts, Error, ErrorCode, Cached: false);
}
