using Microsoft.Extensions.Options;
using Platform.Providers.Caching;
using Platform.Transformer;
using Platform.Transformer.Kernels;

namespace Platform.TransformerWorker.Models;

/// <summary>
/// Least-recently-used cache of loaded models, bounded by a number of models and by their memory. Limits
/// can change at run time; whatever no longer fits is evicted, least recently used first. Loads run one
/// at a time (each uses every core, and a second load could overshoot the memory limit) while hits proceed.
/// </summary>
public sealed partial class ModelCache : IDisposable
{
    private const double BytesPerGb = 1024.0 * 1024.0 * 1024.0;

    private readonly Lock _lock = new();
    private readonly LruCache<string, Entry> _entries = new(comparer: StringComparer.Ordinal);   // evicted here, by count and memory
    private readonly SemaphoreSlim _loadGate = new(1, 1);
    private readonly TimeProvider _time;
    private readonly WorkerGang _gang;
    private readonly ILogger<ModelCache> _logger;
    private int _maxModels;
    private long _maxBytes;
    private long _hits, _misses, _evictions;

    public ModelCache(IOptions<TransformerOptions> options, TimeProvider time, WorkerGang gang, ILogger<ModelCache> logger)
    {
        _time = time;
        _gang = gang;
        _logger = logger;
        _maxModels = ValidCount(options.Value.MaxCacheSize);
        _maxBytes = ValidBytes(options.Value.MaxMemoryGb);
    }

    /// <summary>The model of <paramref name="definition"/>, loaded (evicting as needed) unless it is cached.</summary>
    public async Task<GptModel> GetAsync(LocalModelDefinition definition, CancellationToken cancellationToken)
    {
        if (TryHit(definition.CacheKey) is { } cached)
        {
            return cached;
        }

        await _loadGate.WaitAsync(cancellationToken);
        try
        {
            // Another caller may have loaded it while this one waited.
            return TryHit(definition.CacheKey) ?? await LoadAsync(definition, cancellationToken);
        }
        finally
        {
            _loadGate.Release();
        }
    }

    /// <summary>Loads a model ahead of its first use.</summary>
    public Task PreloadAsync(LocalModelDefinition definition, CancellationToken cancellationToken) => GetAsync(definition, cancellationToken);

    public bool Remove(string key)
    {
        lock (_lock)
        {
            return _entries.Remove(key);
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _entries.Clear();
        }
    }

    /// <summary>Changes the number of models kept, evicting the least recently used beyond it.</summary>
    public void Resize(int maxModels)
    {
        lock (_lock)
        {
            _maxModels = ValidCount(maxModels);
            EvictUntilFits(0);
        }
    }

    /// <summary>Changes the memory the models may take, evicting the least recently used until they fit.</summary>
    public void SetMemoryLimit(double maxMemoryGb)
    {
        lock (_lock)
        {
            _maxBytes = ValidBytes(maxMemoryGb);
            EvictUntilFits(0);
        }
    }

    public void Dispose() => _loadGate.Dispose();

    public ModelCacheStats GetStats()
    {
        lock (_lock)
        {
            return new ModelCacheStats(_entries.Count, _maxModels, Megabytes(UsedBytes()), _maxBytes / BytesPerGb,
                _hits, _misses, _evictions);
        }
    }

    /// <summary>Cached models, most recently used first.</summary>
    public IReadOnlyList<CachedModel> GetCachedModels()
    {
        lock (_lock)
        {
            return _entries.Values.Select(entry => new CachedModel(entry.Key, entry.LoadedAt, entry.LoadSeconds, entry.AccessCount,
                entry.LastAccess, Megabytes(entry.MemoryBytes))).ToList();
        }
    }

    private GptModel? TryHit(string key)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out var entry))
            {
                return null;
            }

            _hits++;
            entry.AccessCount++;
            entry.LastAccess = _time.GetUtcNow();
            return entry.Model;
        }
    }

    private async Task<GptModel> LoadAsync(LocalModelDefinition definition, CancellationToken cancellationToken)
    {
        var bytes = definition.MemoryBytes;
        lock (_lock)
        {
            _misses++;
            if (bytes > _maxBytes)
            {
                throw new ModelTooLargeException(definition.CacheKey, bytes, _maxBytes);
            }

            // Make room first, so that the old models' memory can be reclaimed while the new one loads.
            EvictUntilFits(bytes, reserveSlot: true);
        }

        var started = _time.GetTimestamp();
        var model = await Task.Run(() => definition.Load(_gang), cancellationToken);
        var now = _time.GetUtcNow();
        var entry = new Entry(definition.CacheKey, model, bytes, now, _time.GetElapsedTime(started).TotalSeconds) { AccessCount = 1, LastAccess = now };
        LogLoaded(_logger, entry.Key, bytes, entry.LoadSeconds);
        lock (_lock)
        {
            _entries.Set(entry.Key, entry);
            EvictUntilFits(0); // the limits may have shrunk during the load
        }

        return model;
    }

    /// <summary>Evicts least recently used models until <paramref name="incomingBytes"/> more (and one more model, if reserved) fit.</summary>
    private void EvictUntilFits(long incomingBytes, bool reserveSlot = false)
    {
        var maxModels = reserveSlot ? _maxModels - 1 : _maxModels;
        while ((_entries.Count > maxModels || UsedBytes() + incomingBytes > _maxBytes) && _entries.TryRemoveLeastRecent(out var evicted))
        {
            _evictions++;
            LogEvicted(_logger, evicted.Key);
        }
    }

    internal static double Megabytes(long bytes) => bytes / (1024.0 * 1024.0);

    private long UsedBytes() => _entries.Values.Sum(entry => entry.MemoryBytes);

    private static int ValidCount(int maxModels) =>
        maxModels >= 1 ? maxModels : throw new ArgumentOutOfRangeException(nameof(maxModels), maxModels, "max_cache_size must be at least 1");

    private static long ValidBytes(double maxMemoryGb) => maxMemoryGb > 0 && double.IsFinite(maxMemoryGb)
        ? (long)(maxMemoryGb * BytesPerGb)
        : throw new ArgumentOutOfRangeException(nameof(maxMemoryGb), maxMemoryGb, "max_memory_gb must be a positive number");

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded model {Key} ({MemoryBytes} bytes) in {Seconds:0.00} s")]
    private static partial void LogLoaded(ILogger logger, string key, long memoryBytes, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Evicted model {Key} from the model cache")]
    private static partial void LogEvicted(ILogger logger, string key);

    private sealed class Entry(string key, GptModel model, long memoryBytes, DateTimeOffset loadedAt, double loadSeconds)
    {
        public string Key { get; } = key;
        public GptModel Model { get; } = model;
        public long MemoryBytes { get; } = memoryBytes;
        public DateTimeOffset LoadedAt { get; } = loadedAt;
        public double LoadSeconds { get; } = loadSeconds;
        public long AccessCount { get; set; }
        public DateTimeOffset LastAccess { get; set; }
    }
}
