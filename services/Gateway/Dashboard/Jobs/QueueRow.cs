namespace Platform.Gateway.Dashboard.Jobs;

/// <summary>One worker queue of Jobs' `GET /api/v1/admin/queues`.</summary>
public sealed record QueueRow(string Name, long Ready, long Consumers, long Errors);
