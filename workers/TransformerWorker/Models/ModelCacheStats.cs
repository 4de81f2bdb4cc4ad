namespace Platform.TransformerWorker.Models;

/// <summary>The cache's counters and limits (seed 001's cache stats).</summary>
public sealed record ModelCacheStats(
    int CachedModels, int MaxCacheSize, double MemoryUsedMb, double MaxMemoryGb, long Hits, long Misses, long Evictions);
