namespace Platform.TransformerWorker.Health;

public sealed record HealthChecks(ModelCheck Model, MemoryCheck Memory, DiskCheck Disk);
