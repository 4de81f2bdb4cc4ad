using Microsoft.AspNetCore.Http.HttpResults;
using Platform.TransformerWorker.TransformerApi;

namespace Platform.TransformerWorker.Health;

public sealed record HealthChecks(ModelCheck Model, MemoryCheck Memory, DiskCheck Disk);
