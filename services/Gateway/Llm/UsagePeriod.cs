namespace Platform.Gateway.Llm;

public sealed record UsagePeriod(string Start, string End);
