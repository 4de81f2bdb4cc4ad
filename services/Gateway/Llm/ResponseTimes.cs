namespace Platform.Gateway.Llm;

public sealed record ResponseTimes(long AverageMs, long P50Ms, long P95Ms, long P99Ms);
