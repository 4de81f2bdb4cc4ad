namespace Platform.Llm.Data.Accounting;

/// <summary>A stored <see cref="UsageRecord"/> (table `llm.usage_records`, written by COPY).</summary>
public sealed class UsageEntry
{
    public long Id { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string ModelName { get; set; } = "";
    public string? DeploymentId { get; set; }
    public string Source { get; set; } = "";
    public int PromptTokens { get; set; }
    public int CompletionTokens { get; set; }
    public bool TokensEstimated { get; set; }
    public decimal Cost { get; set; }
    public int LatencyMs { get; set; }
    public bool Success { get; set; }
    public string? ErrorCode { get; set; }
    public string? ApiKeyId { get; set; }
}
