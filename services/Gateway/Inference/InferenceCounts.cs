namespace Platform.Gateway.Inference;

/// <summary>Requests, errors and mean latency of one task or engine.</summary>
public sealed record InferenceCounts(long Requests, long Errors, double ErrorRate, double AverageLatencyMs);
