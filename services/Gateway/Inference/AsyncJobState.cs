namespace Platform.Gateway.Inference;

/// <summary>An async request as the Jobs service keeps it: the job's state and, once it ran, its one item's outcome.</summary>
public sealed record AsyncJobState(string Status, DateTime CreatedAt, DateTime? CompletedAt, AsyncItemOutcome? Item, AsyncRequestRecord? Request);
