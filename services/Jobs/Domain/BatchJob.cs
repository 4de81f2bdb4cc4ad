using Platform.Contracts;
using Platform.Jobs.Callers;

namespace Platform.Jobs.Domain;

/// <summary>A batch pre-annotation job: every task through every model configuration, within a concurrency window.</summary>
public sealed class BatchJob : IOwned
{
    public required string Id { get; init; }
    /// <summary>The key id of the caller that submitted it (see <c>Caller</c>).</summary>
    public required string Owner { get; init; }
    public JobStatus Status { get; set; }
    public int TotalItems { get; init; }
    public int SucceededItems { get; set; }
    public int FailedItems { get; set; }
    public int CancelledItems { get; set; }
    public int MaxConcurrent { get; init; }
    public int RetryAttempts { get; init; }
    public int TimeoutSeconds { get; init; }
    public double? RetryDelaySeconds { get; init; }
    public List<JobModelConfig> ModelConfigs { get; init; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? Error { get; set; }
    /// <summary>The client's `Idempotency-Key`: a second submission with it answers this job.</summary>
    public string? IdempotencyKey { get; init; }
    /// <summary>Whether items carry a task's text (seed 000) or a whole chat request (an OpenAI batch line).</summary>
    public JobItemKind ItemKind { get; init; }

    public bool IsEnded => Status != JobStatus.Running;
    public int EndedItems => SucceededItems + FailedItems + CancelledItems;
    public double Progress => TotalItems == 0 ? 100 : Math.Round(100.0 * EndedItems / TotalItems, 2);

    /// <summary>Records an item's end; when it was the last one, the job ends too, and the answer is true.</summary>
    public bool CountEnded(JobItemStatus itemStatus, DateTimeOffset now)
    {
        switch (itemStatus)
        {
            case JobItemStatus.Succeeded: SucceededItems++; break;
            case JobItemStatus.Failed: FailedItems++; break;
            case JobItemStatus.Cancelled: CancelledItems++; break;
            default: throw new ArgumentOutOfRangeException(nameof(itemStatus), itemStatus, "not an ended item status");
        }

        if (Status == JobStatus.Running && EndedItems == TotalItems)
        {
            Status = SucceededItems > 0 ? JobStatus.Completed : JobStatus.Failed;
            Error = SucceededItems > 0 ? null : $"All {TotalItems} items failed";
            CompletedAt = now;
            return true;
        }

        return false;
    }
}
