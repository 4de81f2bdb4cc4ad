namespace Platform.Contracts;

/// <summary>Command: run one job item (one task through one model configuration).</summary>
public sealed record RunJobItem(
    Guid ItemId,
    string JobId,
    string TaskId,
    string Content,
    ModelSpec Model,
    int RetryAttempts,
    int TimeoutSeconds,
    int Delivery,
    double? RetryDelaySeconds = null);
