namespace Platform.Gateway.Llm;

public sealed record ModelUsageView(long Requests, long Tokens, decimal Cost);
