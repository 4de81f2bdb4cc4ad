namespace Platform.Providers.Accounting;

/// <summary>One model's share of a period.</summary>
public sealed record ModelUsage(string ModelName, long Requests, long Tokens, decimal Cost);
