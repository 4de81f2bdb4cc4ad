namespace Platform.Contracts.Http.Queues;

public sealed record QueueList(IReadOnlyList<QueueView> Queues);
