namespace Platform.Gateway.Llm;

public sealed record HealthServices(string LlmService, string ModelManager, string CostTracker);
