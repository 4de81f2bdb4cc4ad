namespace Platform.Contracts.Http.Cache;

/// <summary>`GET /api/v1/ai/cache/stats`.</summary>
public sealed record CacheStats(
    long TotalEntries,
    long CacheHits,
    long CacheMisses,
    double HitRate,
    string MemoryUsage,
    DateTime? OldestEntry,
    DateTime? NewestEntry,
    long ExpiredEntries);
