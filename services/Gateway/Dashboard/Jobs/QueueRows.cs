namespace Platform.Gateway.Dashboard.Jobs;

public sealed record QueueRows(IReadOnlyList<QueueRow> Queues);
