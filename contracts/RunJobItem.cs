namespace Platform.Contracts;

/// <summary>
/// Command: run one job item (one task through one model configuration). <see cref="Owner"/> is the job's owner, whose
/// prediction cache entries the item reads and writes.
/// </summary>
/// <param name="Kind">What <paramref name="Content"/> is; messages from before the kind existed carry none and are tasks.</param>
public sealed record RunJobItem(
    Guid ItemId,
    string JobId,
    string TaskId,
    string Content,
    ModelSpec Model,
    int RetryAttempts,
    int TimeoutSeconds,
    int Delivery,
    double? RetryDelaySeconds = null,
    JobItemKind Kind = JobItemKind.Task,
    string? Owner = null);
