namespace Platform.Jobs.Domain;

/// <summary>One task through one model configuration of a job.</summary>
public sealed class JobItem
{
    public Guid Id { get; init; }
    public required string JobId { get; init; }
    /// <summary>Order of dispatch and of results: task order, then model order.</summary>
    public int Sequence { get; init; }
    public required string TaskId { get; init; }
    /// <summary>The task's owner, which is the job's: task ids are unique per owner.</summary>
    public required string TaskOwner { get; init; }
    public int ModelIndex { get; init; }
    public JobItemStatus Status { get; set; }
    /// <summary>How many times the item was sent to a worker (more than once only when a lease expired).</summary>
    public int Deliveries { get; set; }
    /// <summary>Provider calls the worker made, retries included.</summary>
    public int Attempts { get; set; }
    public DateTimeOffset? LeaseExpiresAt { get; set; }
    public string? Prediction { get; set; }
    public string? RawText { get; set; }
    public double? Confidence { get; set; }
    public string? Error { get; set; }
    public string? ErrorCode { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public double? ProcessingTime { get; set; }
    public int? PromptTokens { get; set; }
    public int? CompletionTokens { get; set; }
    public string? AnsweredBy { get; set; }
    /// <summary>Characters PostgreSQL cannot store (U+0000, unpaired surrogates) were replaced by U+FFFD in this item's answer or error.</summary>
    public bool TextReplaced { get; set; }

    public void Fail(string errorCode, string error, DateTimeOffset now)
    {
        Status = JobItemStatus.Failed;
        LeaseExpiresAt = null;
        ErrorCode = errorCode;
        Error = error;
        FinishedAt = now;
    }
}
