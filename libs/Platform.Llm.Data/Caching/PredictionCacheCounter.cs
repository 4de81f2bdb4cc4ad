namespace Platform.Llm.Data.Caching;

/// <summary>Hits and misses of every replica, spread over a few rows (table `llm.prediction_cache_counters`).</summary>
public sealed class PredictionCacheCounter
{
    public short Shard { get; set; }
    public long Hits { get; set; }
    public long Misses { get; set; }
}
