namespace Platform.TransformerWorker.Health;

public sealed record MemoryCheck(string Status, double UsedMb, double AvailableMb, double UsagePercent);
