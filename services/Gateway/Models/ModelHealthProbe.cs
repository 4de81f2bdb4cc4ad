using Microsoft.Extensions.AI;
using Platform.Providers.Models;
using Platform.Providers.Resilience;
using Platform.Providers.Routing;

namespace Platform.Gateway.Models;

/// <summary>
/// Seed 000's model-type health: a one-token completion, without retries, to the preferred enabled
/// deployment of the type. Only a real call shows that the endpoint, the key and the model all work.
/// </summary>
public static class ModelHealthProbe
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static async Task<ModelTypeHealth> CheckAsync(ProviderKind kind, ModelCatalog catalog, ModelRouter router,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (!kind.Callable)
        {
            return new(kind.ModelType, "unsupported", false, $"model_type '{kind.ModelType}' is not served by this deployment yet", null);
        }

        var deployment = catalog.All.Where(candidate => candidate.Enabled && candidate.Target.Kind.ModelType == kind.ModelType)
            .OrderBy(candidate => candidate.Priority).ThenBy(candidate => candidate.Id, StringComparer.Ordinal).FirstOrDefault();
        if (deployment is null)
        {
            return new(kind.ModelType, "not_configured", false,
                $"No enabled {kind.ModelType} model is configured: declare one under Llm:Models or register one with POST /api/v1/ai/models/register",
                null);
        }

        var request = new RouteRequest(RouteTarget.For(deployment.Target), [new ChatMessage(ChatRole.User, "ping")],
            new ChatOptions { MaxOutputTokens = 1 }, new CallPolicy(RetryAttempts: 0, Timeout), CallMode.Interactive);
        var started = time.GetTimestamp();
        try
        {
            await router.CompleteAsync(request, cancellationToken);
            return new(kind.ModelType, "healthy", true, $"Model is accessible ({deployment.Id})", Seconds(time.GetElapsedTime(started)));
        }
        catch (ProviderException e)
        {
            return new(kind.ModelType, "unhealthy", false, e.Message, Seconds(time.GetElapsedTime(started)));
        }
    }

    private static double Seconds(TimeSpan elapsed) => Math.Round(elapsed.TotalSeconds, 3);
}
