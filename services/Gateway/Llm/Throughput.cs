namespace Platform.Gateway.Llm;

public sealed record Throughput(double RequestsPerMinute, double TokensPerMinute);
