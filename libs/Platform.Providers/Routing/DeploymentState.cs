using Microsoft.Extensions.AI;
using Platform.Providers.Clients;
using Platform.Providers.Quotas;
using Polly;
using Polly.CircuitBreaker;

namespace Platform.Providers.Routing;

/// <summary>
/// What the router keeps per deployment: its pipeline (with its circuit), its quota, its statistics and
/// the client that calls it (made on first use: making one is costly, and it may fail as a call would).
/// </summary>
public sealed class DeploymentState(ModelDeployment deployment, ResiliencePipeline pipeline, CircuitBreakerStateProvider circuit,
    DeploymentQuota quota, DeploymentStats stats, ChatClientFactory clients) : IDisposable
{
    private IChatClient? _client;

    public ModelDeployment Deployment { get; } = deployment;
    public ResiliencePipeline Pipeline { get; } = pipeline;
    public DeploymentQuota Quota { get; } = quota;
    public DeploymentStats Stats { get; } = stats;

    /// <summary>
    /// Shared by every call to this deployment. Its HttpClient belongs to the factory; what it owns is its telemetry
    /// (an ActivitySource and a Meter), released by <see cref="Dispose"/> when the state is dropped. A call still using
    /// it then records nothing more, and is otherwise unaffected.
    /// </summary>
    public IChatClient Client => Volatile.Read(ref _client) ?? CreateClient();

    public void Dispose() => Volatile.Read(ref _client)?.Dispose();

    /// <summary>Refusing calls; half-open counts as closed, since it lets its trial call through.</summary>
    public bool CircuitOpen => circuit.CircuitState is CircuitState.Open or CircuitState.Isolated;

    public bool CircuitClosed => circuit.CircuitState == CircuitState.Closed;

    /// <summary>Worth sending a call to without a reason to prefer it over everything else.</summary>
    public bool Available => Stats.IsHealthy && !CircuitOpen;

    /// <summary>Still right for <paramref name="current"/>: the same endpoint and limits, so its circuit, quota and client apply.</summary>
    public bool Serves(ModelDeployment current) => Deployment.Target == current.Target && Deployment.RateLimit == current.RateLimit;

    public DeploymentStatus Status() => new(
        Deployment.Id,
        !Stats.IsHealthy ? DeploymentHealth.Unhealthy : CircuitClosed && !Stats.IsFailing ? DeploymentHealth.Healthy : DeploymentHealth.Degraded,
        CircuitOpen,
        Stats.AverageLatencyMs,
        Stats.LastCheck,
        Stats.ErrorRate,
        Stats.InFlight);

    /// <summary>Two calls racing here may both make one; the first stored is kept.</summary>
    private IChatClient CreateClient()
    {
        var created = clients.Create(Deployment.Target);
        return Interlocked.CompareExchange(ref _client, created, null) ?? created;
    }
}
