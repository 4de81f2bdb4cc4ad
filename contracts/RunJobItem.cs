namespace Platform.Contracts;

/// <summary>
/// Command: run one job item (one task through one model configuration). <see cref="Owner"/> is the job's owner, whose
/// prediction cache entries the item reads and writes.
/// </summary>
public sealed record RunJobItem(
    Guid ItemId,
    string JobId,
    string TaskId,
    string Content,
    ModelSpec Model,
    int RetryAttempts,
    int TimeoutSeconds,
    int Delivery,
    string? Owner = null);
