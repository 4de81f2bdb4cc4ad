namespace Platform.TransformerWorker.Models;

/// <summary>Section `Transformer`: the models this worker can serve and the cache that holds them.</summary>
public sealed class TransformerOptions
{
    public const string SectionName = "Transformer";

    /// <summary>Weight seed of models built from a config alone (`/initialize`); replicas with the same seed answer alike.</summary>
    public int Seed { get; set; } = 1337;

    /// <summary>
    /// Threads besides a forward pass's own that run its parallel loops (default: one per other core). A second pass
    /// running meanwhile uses the thread pool; 0 leaves every loop to the thread pool.
    /// </summary>
    public int? ParallelThreads { get; set; }

    /// <summary>Models kept loaded at once (seed 001's `max_cache_size`).</summary>
    public int MaxCacheSize { get; set; } = 3;

    /// <summary>Memory the loaded models may take together (seed 001's `max_memory_gb`).</summary>
    public double MaxMemoryGb { get; set; } = 4;

    /// <summary>How often each replica tells the others what its model cache holds (seed 001's per-replica stats).</summary>
    public TimeSpan CacheReportInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Models served by name to `/v1/*` and to `model_type: local` job items.</summary>
    public IDictionary<string, NamedModelOptions> Models { get; } = new Dictionary<string, NamedModelOptions>(StringComparer.Ordinal);
}
