using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Providers.Accounting;
using Platform.Providers.Models;
using Platform.Providers.Routing;

namespace Platform.Gateway.Inference;

/// <summary>Seed 001's descriptive endpoints: supported tasks, examples, health and statistics.</summary>
public static class InferenceInfoApi
{
    public static RouteGroupBuilder MapInferenceInfoApi(this RouteGroupBuilder inference)
    {
        inference.MapGet("/supported-tasks", SupportedTasks).WithSummary("Every task and the engines that run it");
        inference.MapGet("/examples", (TimeProvider time) => TypedResults.Ok(new { success = true, examples = InferenceExamples.All, timestamp = InferenceClock.Now(time) }))
            .WithSummary("A runnable request for each task, with its curl command");
        inference.MapGet("/health", HealthAsync).WithSummary("The state of each component the Inference API depends on");
        inference.MapGet("/stats", StatsAsync).WithSummary("Requests, errors and latency by task and engine, and the model cache's figures");
        return inference;
    }

    private static Ok<SupportedTasksResponse> SupportedTasks(TimeProvider time) => TypedResults.Ok(new SupportedTasksResponse(true,
        InferenceTasks.All.ToDictionary(task => task.Name, task => task.Engines), InferenceTasks.All,
        [.. ProviderKinds.All.Where(kind => kind.Callable).Select(kind => new EngineTasks(kind.ModelType, kind.Description,
            [.. InferenceTasks.All.Where(task => task.Engines.Contains(kind.ModelType)).Select(task => task.Name)]))],
        "Any model in the registry is an engine too: name it as engine (PUT /api/llm/config/models/{model_id} registers one)",
        InferenceClock.Now(time)));

    private static async Task<IResult> HealthAsync(ModelCatalog catalog, UsageRecorder usage, ModelCacheClient cache, AsyncInferenceClient jobs,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var replicas = await TryAsync(() => cache.ReplicasAsync(cancellationToken));
        var jobsUp = await TryAsync(() => jobs.PingAsync(cancellationToken));
        var components = new Dictionary<string, object>
        {
            ["router"] = new { status = "healthy", registered_models = catalog.All.Select(deployment => deployment.ModelName).Distinct().Count() },
            ["usage_accounting"] = new { status = usage.Healthy ? "healthy" : "degraded" },
            ["transformer_worker"] = new { status = replicas is null ? "unhealthy" : "healthy", replicas = replicas?.Count ?? 0 },
            ["jobs"] = new { status = jobsUp ? "healthy" : "unhealthy" },
        };
        var healthy = usage.Healthy && replicas is not null && jobsUp;
        return TypedResults.Ok(new { success = true, status = healthy ? "healthy" : "degraded", components, timestamp = InferenceClock.Now(time) });
    }

    private static async Task<IResult> StatsAsync(InferenceMetrics metrics, ModelCacheClient cache, TimeProvider time, CancellationToken cancellationToken)
    {
        var replicas = await TryAsync(() => cache.ReplicasAsync(cancellationToken));
        var total = metrics.Total;
        return TypedResults.Ok(new
        {
            success = true,
            stats = new
            {
                total_requests = total.Requests,
                errors = total.Errors,
                error_rate = total.ErrorRate,
                average_latency_ms = total.AverageLatencyMs,
                by_task = metrics.ByTask,
                by_engine = metrics.ByEngine,
                cache = replicas is null ? null : ModelCacheViews.Totals(replicas),
            },
            timestamp = InferenceClock.Now(time),
        });
    }

    /// <summary>A component that does not answer is reported as such, not as an error of the report.</summary>
    private static async Task<T?> TryAsync<T>(Func<Task<T>> probe)
    {
        try
        {
            return await probe();
        }
        catch (InferenceException)
        {
            return default;
        }
    }
}
