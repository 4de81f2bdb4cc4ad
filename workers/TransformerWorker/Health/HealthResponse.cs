using Microsoft.AspNetCore.Http.HttpResults;
using Platform.TransformerWorker.TransformerApi;

namespace Platform.TransformerWorker.Health;

public sealed record HealthResponse(string Status, DateTime Timestamp, string Version, HealthChecks Checks);
