namespace Platform.Gateway.Llm;

public sealed record ModelHealthCounts(int Available, int Healthy, int Degraded, int Unavailable);
