using System.Runtime.CompilerServices;
using Platform.Providers.Clients;
using Platform.Providers.Resilience;
using Polly.Timeout;

namespace Platform.Providers.Routing;

/// <summary>
/// Sends a call to a deployment of its target and returns who answered.
/// First cut: the first enabled deployment, under the per-call retry policy; balancing, quotas,
/// circuits, health and fallbacks come with the routing work of the providers issue.
/// </summary>
public sealed class ModelRouter(ModelCatalog catalog, ChatClientFactory clients, ProviderResilience resilience, TimeProvider time)
{
    public async Task<RoutedResponse> CompleteAsync(RouteRequest request, CancellationToken cancellationToken)
    {
        var deployment = Choose(request.Target);
        using var client = clients.Create(deployment.Target);
        var pipeline = resilience.Build(deployment.Target.DisplayName, request.Policy);
        var started = time.GetTimestamp();
        var attempts = 0;
        try
        {
            var response = await pipeline.ExecuteAsync(
                async token =>
                {
                    attempts++;
                    return await client.GetResponseAsync(request.Messages, request.Options, token);
                }, cancellationToken);
            return new RoutedResponse(response, deployment, attempts, time.GetElapsedTime(started));
        }
        catch (TimeoutRejectedException)
        {
            throw ProviderException.Timeout(deployment.Target.DisplayName, request.Policy.AttemptTimeout);
        }
    }

    public async IAsyncEnumerable<RoutedUpdate> StreamAsync(RouteRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var deployment = Choose(request.Target);
        using var client = clients.Create(deployment.Target);
        await foreach (var update in client.GetStreamingResponseAsync(request.Messages, request.Options, cancellationToken))
        {
            yield return new RoutedUpdate(update, deployment);
        }
    }

    /// <summary>What is known of a deployment's health. First cut: nothing is measured yet, so every catalogued deployment reads healthy.</summary>
    public DeploymentStatus StatusOf(string deploymentId) =>
        new(deploymentId, catalog.Find(deploymentId) is null ? DeploymentHealth.Unhealthy : DeploymentHealth.Healthy,
            CircuitOpen: false, ResponseTimeMs: null, LastCheck: null, ErrorRate: 0, InFlight: 0);

    private ModelDeployment Choose(RouteTarget target)
    {
        if (target.AdHoc is { } adHoc)
        {
            return adHoc;
        }

        var deployments = catalog.DeploymentsOf(target.ModelName!);
        if (deployments.Count == 0)
        {
            throw new ProviderException(ProviderErrorCode.ModelNotFound, $"Model '{target.ModelName}' is not registered", isTransient: false);
        }
        return deployments.FirstOrDefault(deployment => deployment.Enabled)
            ?? throw new ProviderException(ProviderErrorCode.ModelUnavailable, $"Model '{target.ModelName}' has no enabled deployment", isTransient: false);
    }
}
