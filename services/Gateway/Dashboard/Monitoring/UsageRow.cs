namespace Platform.Gateway.Dashboard.Monitoring;

/// <summary>Usage of one model or key over a period, or of one model in one hour.</summary>
public sealed record UsageRow(string Name, DateTimeOffset? Hour, long Requests, long Tokens, decimal Cost);
