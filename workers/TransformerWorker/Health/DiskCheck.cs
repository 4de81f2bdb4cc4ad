namespace Platform.TransformerWorker.Health;

public sealed record DiskCheck(string Status, double UsedGb, double AvailableGb, double UsagePercent);
