using Microsoft.EntityFrameworkCore;
using Platform.Providers.Accounting;
using Platform.Llm.Data;
using Platform.Providers.Routing;

namespace Platform.Gateway.Llm;

/// <summary>
/// Seed 003's `GET /health`: every registered model counted once, by what the recent calls of its enabled
/// deployments say, and each service by a real check.
/// </summary>
public static class LlmHealth
{
    /// <summary>An average answer slower than this makes a model degraded.</summary>
    public static readonly TimeSpan SlowAnswer = TimeSpan.FromSeconds(10);

    private enum ModelHealth
    {
        Healthy,
        Degraded,
        Unavailable,
    }

    public static async Task<HealthResponse> CheckAsync(ModelCatalog catalog, DeploymentStates states, UsageRecorder usage, LlmDbContext db,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var models = catalog.All.GroupBy(deployment => deployment.ModelName)
            .Select(model => (Enabled: model.Any(deployment => deployment.Enabled), Health: HealthOf([.. model], states)))
            .ToList();
        var healthy = models.Count(model => model.Health == ModelHealth.Healthy);
        var degraded = models.Count(model => model.Health == ModelHealth.Degraded);
        var unavailable = models.Count - healthy - degraded;
        var llmService = models.Count > 0 && healthy + degraded == 0 ? "unhealthy" : unavailable + degraded > 0 ? "degraded" : "healthy";
        var modelManager = await CanReachAsync(db, cancellationToken) ? "healthy" : "unhealthy";
        var costTracker = usage.Healthy ? "healthy" : "degraded";
        string[] services = [llmService, modelManager, costTracker];
        var status = services.Contains("unhealthy") ? "unhealthy" : services.Contains("degraded") ? "degraded" : "healthy";
        return new HealthResponse(status, time.GetUtcNow().UtcDateTime, new HealthServices(llmService, modelManager, costTracker),
            new ModelHealthCounts(models.Count(model => model.Enabled), healthy, degraded, unavailable));
    }

    /// <summary>Unavailable when no enabled deployment can answer; degraded when some cannot, or answer slowly, or fail part of the time.</summary>
    private static ModelHealth HealthOf(IReadOnlyList<ModelDeployment> deployments, DeploymentStates states)
    {
        var enabled = deployments.Where(deployment => deployment.Enabled).Select(deployment => states.Find(deployment.Id)).ToList();
        var answering = enabled.Count(state => state is null || state.Available);
        if (answering == 0)
        {
            return ModelHealth.Unavailable;
        }

        var troubled = enabled.Any(state => state is not null
            && (state.Stats.ErrorRate > 0 || state.Stats.AverageLatencyMs > SlowAnswer.TotalMilliseconds));
        return answering < enabled.Count || troubled ? ModelHealth.Degraded : ModelHealth.Healthy;
    }

    /// <summary>The model registry lives in the `llm` database.</summary>
    private static async Task<bool> CanReachAsync(LlmDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            return await db.Database.CanConnectAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return false;
        }
    }
}
