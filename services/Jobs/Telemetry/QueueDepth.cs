namespace Platform.Jobs.Telemetry;

/// <summary>What a passive declare says of a queue: messages ready for a consumer, and consumers attached.</summary>
public sealed record QueueDepth(long Ready, long Consumers);
