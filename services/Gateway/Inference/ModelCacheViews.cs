using Platform.Contracts;

namespace Platform.Gateway.Inference;

/// <summary>The TransformerWorker replicas' cache reports as seed 001 shows them: totals, per replica, and per loaded model.</summary>
public static class ModelCacheViews
{
    public static object Totals(IReadOnlyList<ModelCacheReported> replicas)
    {
        long hits = replicas.Sum(replica => replica.Hits), misses = replicas.Sum(replica => replica.Misses);
        return new
        {
            replicas = replicas.Count,
            cached_models = replicas.Sum(replica => replica.Models.Count),
            memory_used_mb = Math.Round(replicas.Sum(replica => replica.MemoryUsedMb), 1),
            hits,
            misses,
            hit_rate = HitRate(hits, misses),
            evictions = replicas.Sum(replica => replica.Evictions),
        };
    }

    public static object Replica(ModelCacheReported replica) => new
    {
        replica = replica.Replica,
        cached_models = replica.Models.Count,
        max_cache_size = replica.MaxCacheSize,
        max_memory_gb = Math.Round(replica.MaxMemoryGb, 3),
        memory_used_mb = Math.Round(replica.MemoryUsedMb, 1),
        hits = replica.Hits,
        misses = replica.Misses,
        hit_rate = HitRate(replica.Hits, replica.Misses),
        evictions = replica.Evictions,
        models = replica.Models.Select(model => model.Key),
        reported_at = replica.ReportedAt,
    };

    /// <summary>Every loaded model on every replica, with the seed's key, load time, access count, last access and memory.</summary>
    public static IReadOnlyList<object> Models(IReadOnlyList<ModelCacheReported> replicas) =>
    [
        .. replicas.SelectMany(replica => replica.Models.Select(model => (object)new
        {
            key = model.Key,
            replica = replica.Replica,
            loaded_at = model.LoadedAt,
            load_time = Math.Round(model.LoadSeconds, 3),
            access_count = model.AccessCount,
            last_access = model.LastAccess,
            memory_mb = Math.Round(model.MemoryMb, 1),
        })),
    ];

    private static double HitRate(long hits, long misses) => hits + misses == 0 ? 0 : Math.Round((double)hits / (hits + misses), 4);
}
