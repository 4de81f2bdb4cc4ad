namespace Platform.Jobs.Admin;

public sealed record QueueList(IReadOnlyList<QueueView> Queues);
