namespace Platform.Gateway.Llm;

public sealed record HealthResponse(string Status, DateTime Timestamp, HealthServices Services, ModelHealthCounts Models);
