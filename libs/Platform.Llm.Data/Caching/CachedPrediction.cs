namespace Platform.Llm.Data.Caching;

/// <summary>One cached answer (table `llm.prediction_cache`).</summary>
public sealed class CachedPrediction
{
    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}
