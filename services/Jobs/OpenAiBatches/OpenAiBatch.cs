namespace Platform.Jobs.OpenAiBatches;

/// <summary>
/// A batch of OpenAI's Batch API. Once its input file is valid it runs as a platform job (<see cref="JobId"/>), one item per
/// line; its counts while it runs are the job's, and are copied here when it ends.
/// </summary>
public sealed class OpenAiBatch : IListed
{
    public required string Id { get; init; }
    public required string Owner { get; init; }
    public required string Endpoint { get; init; }
    public required string InputFileId { get; init; }
    public required string CompletionWindow { get; init; }
    /// <summary>The caller's metadata object as JSON.</summary>
    public string? Metadata { get; init; }
    public OpenAiBatchStatus Status { get; set; }
    public string? JobId { get; set; }
    public string? Model { get; set; }
    public string? OutputFileId { get; set; }
    public string? ErrorFileId { get; set; }
    /// <summary>OpenAI's `errors` object as JSON: the lines that made validation fail.</summary>
    public string? Errors { get; set; }
    public int TotalRequests { get; set; }
    public int CompletedRequests { get; set; }
    public int FailedRequests { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? InProgressAt { get; set; }
    public DateTimeOffset? FinalizingAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public DateTimeOffset? FailedAt { get; set; }
    public DateTimeOffset? ExpiredAt { get; set; }
    public DateTimeOffset? CancellingAt { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }

    public bool IsEnded => Status is OpenAiBatchStatus.Failed or OpenAiBatchStatus.Completed or OpenAiBatchStatus.Expired
        or OpenAiBatchStatus.Cancelled;

    public static string NewId() => $"batch_{Guid.NewGuid():N}";
}
