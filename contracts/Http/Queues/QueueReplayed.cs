namespace Platform.Contracts.Http.Queues;

/// <summary>How many messages went from `queue_error` back to `queue`.</summary>
public sealed record QueueReplayed(string Queue, int Replayed);
