namespace Platform.Gateway.Llm;

public sealed record PerformanceResponse(ResponseTimes ResponseTimes, double SuccessRate, double ErrorRate, Throughput Throughput);
