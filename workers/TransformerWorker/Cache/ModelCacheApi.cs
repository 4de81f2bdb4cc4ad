using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts;
using Platform.TransformerWorker.Models;
using Platform.TransformerWorker.TransformerApi;

namespace Platform.TransformerWorker.Cache;

/// <summary>
/// Seed 001's model-cache management for the Gateway: each change is made here, then on every other replica
/// over the bus (as `/initialize` is), and the stats list every replica's models.
/// </summary>
public static class ModelCacheApi
{
    public static IEndpointRouteBuilder MapModelCacheApi(this IEndpointRouteBuilder app)
    {
        var cache = app.MapGroup("/cache").WithTags("Model cache");
        cache.MapGet("/replicas", (ModelCacheReplicas replicas) => TypedResults.Ok(replicas.All()))
            .WithSummary("Every live replica's cache: limits, counters and loaded models");
        cache.MapDelete("/models/{key}", (string key, ModelCacheReplicas replicas, HttpContext context) => ChangeAsync(context, replicas, ModelCacheChanges.Remove, key: key))
            .WithSummary("Unload one model (key `local:<name>`) on every replica");
        cache.MapPost("/clear", (ModelCacheReplicas replicas, HttpContext context) => ChangeAsync(context, replicas, ModelCacheChanges.Clear))
            .WithSummary("Unload every model on every replica");
        cache.MapPut("/config", (ModelCacheLimits limits, ModelCacheReplicas replicas, HttpContext context) =>
                ChangeAsync(context, replicas, ModelCacheChanges.Configure, maxCacheSize: limits.MaxCacheSize, maxMemoryGb: limits.MaxMemoryGb))
            .WithSummary("Change the cache's limits on every replica, evicting what no longer fits");
        cache.MapPost("/preload", (PreloadRequest request, ModelCacheReplicas replicas, HttpContext context) =>
                ChangeAsync(context, replicas, ModelCacheChanges.Preload, modelName: request.ModelName))
            .WithSummary("Load a named model on every replica ahead of its first use");
        return app;
    }

    private static async Task<Results<Ok<ModelCacheChangeResult>, JsonHttpResult<TransformerError>>> ChangeAsync(HttpContext context, ModelCacheReplicas replicas, string action,
        string? key = null, string? modelName = null, int? maxCacheSize = null, double? maxMemoryGb = null)
    {
        var services = context.RequestServices;
        var catalog = services.GetRequiredService<LocalModelCatalog>();
        var time = services.GetRequiredService<TimeProvider>();
        if (action == ModelCacheChanges.Preload && (modelName is null || catalog.Find(modelName) is null))
        {
            return TransformerErrors.Error(time, StatusCodes.Status404NotFound, TransformerErrors.InvalidInput,
                $"model '{modelName}' is not served by this worker; it serves: {string.Join(", ", catalog.Names)}");
        }

        var change = new ModelCacheChanged(action, key, modelName, maxCacheSize, maxMemoryGb, replicas.Self, time.GetUtcNow());
        bool changed;
        try
        {
            changed = await services.GetRequiredService<ModelCache>().ApplyAsync(change, catalog, context.RequestAborted);
        }
        catch (ArgumentOutOfRangeException e)
        {
            return TransformerErrors.Invalid(time, e.Message);
        }
        catch (ModelTooLargeException e)
        {
            return TransformerErrors.Error(time, StatusCodes.Status503ServiceUnavailable, TransformerErrors.InferenceError, e.Message);
        }

        var bus = services.GetRequiredService<IBus>();
        await bus.Publish(change, context.RequestAborted);
        var report = replicas.Report();
        await bus.Publish(report, context.RequestAborted);
        return TypedResults.Ok(new ModelCacheChangeResult(changed, report));
    }
}
