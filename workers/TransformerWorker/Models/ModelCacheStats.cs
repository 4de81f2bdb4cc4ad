using Microsoft.Extensions.Options;
using Platform.Providers.Caching;
using Platform.Transformer;
using Platform.Transformer.Kernels;

namespace Platform.TransformerWorker.Models;

/// <summary>The cache's counters and limits (seed 001's cache stats).</summary>
public sealed record ModelCacheStats(
    int CachedModels, int MaxCacheSize, double MemoryUsedMb, double MaxMemoryGb, long Hits, long Misses, long Evictions);
