namespace Platform.TransformerWorker.Health;

public sealed record HealthResponse(string Status, DateTime Timestamp, string Version, HealthChecks Checks);
