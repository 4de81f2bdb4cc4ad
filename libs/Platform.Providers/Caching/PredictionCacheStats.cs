namespace Platform.Providers.Caching;

/// <summary>Seed 000's `GET /api/v1/ai/cache/stats`, counted over every replica.</summary>
public sealed record PredictionCacheStats(
    long TotalEntries,
    long CacheHits,
    long CacheMisses,
    long SizeBytes,
    DateTimeOffset? OldestEntry,
    DateTimeOffset? NewestEntry,
    long ExpiredEntries)
{
    public double HitRate => CacheHits + CacheMisses == 0 ? 0 : (double)CacheHits / (CacheHits + CacheMisses);
}
