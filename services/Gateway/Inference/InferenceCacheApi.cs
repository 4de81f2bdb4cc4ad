using Platform.Gateway.Errors;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Platform.Providers.Models;

namespace Platform.Gateway.Inference;

/// <summary>
/// Seed 001's model-cache management over the TransformerWorkers' caches: every change reaches every replica,
/// and the stats say which replica holds what. Reading is for every caller; changing is for admins.
/// </summary>
public static class InferenceCacheApi
{
    public const int MaxCacheSizeLimit = 20;
    public const double MinMemoryGb = 1.0, MaxMemoryGb = 100.0;

    public static RouteGroupBuilder MapInferenceCacheApi(this RouteGroupBuilder inference)
    {
        inference.MapGet("/cache/stats", StatsAsync).WithSummary("Hits, misses, evictions, memory and models of every TransformerWorker replica");
        inference.MapGet("/cache/models", ModelsAsync).WithSummary("Every cached model: key, replica, load time, access count, last access, memory");
        inference.MapDelete("/cache/models/{key}", RemoveAsync)
            .WithSummary("Unload one model (key engine:model_name, e.g. local:tiny) from every replica");
        inference.MapPut("/cache/config", ConfigureAsync)
            .WithSummary("Change max_cache_size (1-20) and/or max_memory_gb (1.0-100.0) on every replica; what no longer fits is evicted");
        inference.MapPost("/clear-cache", ClearAsync)
            .WithSummary("Unload every model from every replica");
        inference.MapPost("/models/preload", PreloadAsync)
            .WithSummary("Load a local model on every replica ahead of its first use");
        return inference;
    }

    private static Task<IResult> StatsAsync(ModelCacheClient cache, TimeProvider time, HttpContext context) => InferenceErrors.AnswerAsync(context, async () =>
    {
        var replicas = await cache.ReplicasAsync(context.RequestAborted);
        var totals = ModelCacheViews.Totals(replicas);
        return new { success = true, stats = new { totals, replicas = replicas.Select(ModelCacheViews.Replica) }, timestamp = InferenceClock.Now(time) };
    });

    private static Task<IResult> ModelsAsync(ModelCacheClient cache, TimeProvider time, HttpContext context) => InferenceErrors.AnswerAsync(context, async () =>
    {
        var models = ModelCacheViews.Models(await cache.ReplicasAsync(context.RequestAborted));
        return new { success = true, models, count = models.Count, timestamp = InferenceClock.Now(time) };
    });

    /// <summary>As in the seed: 200 either way, `success` saying whether any replica held the model.</summary>
    private static Task<IResult> RemoveAsync(string key, ModelCacheClient cache, TimeProvider time, HttpContext context) => InferenceErrors.AnswerAsync(context, async () =>
    {
        var holders = (await cache.ReplicasAsync(context.RequestAborted)).Where(replica => replica.Models.Any(model => model.Key == key))
            .Select(replica => replica.Replica).ToList();
        var removed = (await cache.RemoveAsync(key, context.RequestAborted)).Changed || holders.Count > 0;
        return new
        {
            success = removed,
            message = removed ? $"Model '{key}' removed from the cache" : $"Model '{key}' is not in the cache",
            replicas = holders,
            timestamp = InferenceClock.Now(time),
        };
    });

    private static Task<IResult> ConfigureAsync([FromQuery(Name = "max_cache_size")] int? maxCacheSize, [FromQuery(Name = "max_memory_gb")] double? maxMemoryGb,
        ModelCacheClient cache, TimeProvider time, HttpContext context) => InferenceErrors.AnswerAsync(context, async () =>
    {
        if (maxCacheSize is null && maxMemoryGb is null)
        {
            throw InferenceException.Invalid("max_cache_size", "At least one of max_cache_size and max_memory_gb is required");
        }

        if (maxCacheSize is < 1 or > MaxCacheSizeLimit)
        {
            throw InferenceException.Invalid("max_cache_size", $"max_cache_size must be between 1 and {MaxCacheSizeLimit}, got {maxCacheSize}");
        }

        if (maxMemoryGb is { } memory && !(memory >= MinMemoryGb && memory <= MaxMemoryGb))
        {
            throw InferenceException.Invalid("max_memory_gb", $"max_memory_gb must be between {MinMemoryGb:0.0} and {MaxMemoryGb:0.0}, got {memory.ToString(CultureInfo.InvariantCulture)}");
        }

        var replica = (await cache.ConfigureAsync(maxCacheSize, maxMemoryGb, context.RequestAborted)).Replica;
        List<string> updates = [];
        if (maxCacheSize is not null)
        {
            updates.Add($"max_cache_size updated to {maxCacheSize}");
        }

        if (maxMemoryGb is not null)
        {
            updates.Add($"max_memory_gb updated to {maxMemoryGb.Value.ToString(CultureInfo.InvariantCulture)}");
        }

        return new
        {
            success = true,
            message = "Cache configuration updated on every replica",
            updates,
            current_config = new { max_cache_size = replica.MaxCacheSize, max_memory_gb = Math.Round(replica.MaxMemoryGb, 3) },
            timestamp = InferenceClock.Now(time),
        };
    });

    private static Task<IResult> ClearAsync(ModelCacheClient cache, TimeProvider time, HttpContext context) => InferenceErrors.AnswerAsync(context, async () =>
    {
        var held = (await cache.ReplicasAsync(context.RequestAborted)).Sum(replica => replica.Models.Count);
        await cache.ClearAsync(context.RequestAborted);
        return new { success = true, message = "Model cache cleared on every replica", cleared_models = held, timestamp = InferenceClock.Now(time) };
    });

    private static Task<IResult> PreloadAsync(PreloadRequest request, ModelCacheClient cache, TimeProvider time, HttpContext context) => InferenceErrors.AnswerAsync(context, async () =>
    {
        if (string.IsNullOrWhiteSpace(request.ModelName))
        {
            throw InferenceException.Invalid("model_name", "model_name is required");
        }

        var engine = request.Engine ?? ProviderKinds.Local;
        if (engine != ProviderKinds.Local)
        {
            throw new InferenceException(ErrorKind.InvalidRequest, InferenceErrors.UnsupportedTask,
                $"engine '{engine}' keeps its models on its own servers; only engine 'local' loads models into the platform's model cache",
                new { engine, supported_engines = new[] { ProviderKinds.Local } });
        }

        var started = time.GetTimestamp();
        var replica = (await cache.PreloadAsync(request.ModelName, context.RequestAborted)).Replica;
        var key = $"{engine}:{request.ModelName}";
        return new
        {
            success = true,
            message = $"Model '{key}' loaded; the other replicas load it too",
            model_key = key,
            replica = ModelCacheViews.Replica(replica),
            load_time = Math.Round(time.GetElapsedTime(started).TotalSeconds, 3),
            timestamp = InferenceClock.Now(time),
        };
    });
}
