namespace Platform.Gateway.Llm;

public sealed record UsageStatsResponse(
    UsagePeriod Period,
    long TotalRequests,
    long TotalTokens,
    decimal TotalCost,
    IReadOnlyDictionary<string, ModelUsageView> ByModel);
