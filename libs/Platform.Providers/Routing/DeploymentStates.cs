using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Platform.Providers.Caching;
using Platform.Providers.Clients;
using Platform.Providers.Quotas;
using Platform.Providers.Resilience;
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

/// <summary>
/// Per-deployment states by deployment id, made on first use. A deployment whose endpoint or rate limit
/// changed gets a new state (a new pipeline, and so a fresh circuit; a new quota and client); its
/// statistics carry over. Registered deployments are as many as the catalog holds; configs carried by
/// requests (<see cref="RouteTarget.For"/>) can be any number, so only the most recently used
/// <see cref="RoutingOptions.MaxAdHocDeployments"/> of them are kept.
/// </summary>
public sealed class DeploymentStates(ProviderResilience resilience, ChatClientFactory clients, IOptions<RoutingOptions> options,
    TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DeploymentState> _registered = new(StringComparer.Ordinal);
    private readonly Lock _adHocGate = new();
    // Evicted by hand, so that a dropped state's client is disposed.
    private readonly LruCache<string, DeploymentState> _adHoc = new(comparer: StringComparer.Ordinal);

    /// <summary>The state of a deployment of the catalog.</summary>
    public DeploymentState For(ModelDeployment deployment)
    {
        while (true)
        {
            if (!_registered.TryGetValue(deployment.Id, out var current))
            {
                var created = Create(deployment, null);
                if (_registered.TryAdd(deployment.Id, created))
                {
                    return created;
                }

                created.Dispose();

                continue;
            }

            if (current.Serves(deployment))
            {
                return current;
            }

            var rebuilt = Create(deployment, current.Stats);
            if (_registered.TryUpdate(deployment.Id, rebuilt, current))
            {
                current.Dispose();
                return rebuilt;
            }

            rebuilt.Dispose();
        }
    }

    /// <summary>The state of a deployment made from a config carried by a request.</summary>
    public DeploymentState ForAdHoc(ModelDeployment deployment)
    {
        lock (_adHocGate)
        {
            if (_adHoc.TryGetValue(deployment.Id, out var current) && current.Serves(deployment))
            {
                return current;
            }

            var state = Create(deployment, current?.Stats);
            _adHoc.Set(deployment.Id, state);
            current?.Dispose();
            while (_adHoc.Count > options.Value.MaxAdHocDeployments && _adHoc.TryRemoveLeastRecent(out var evicted))
            {
                evicted.Value.Dispose();
            }

            return state;
        }
    }

    public DeploymentState? Find(string deploymentId)
    {
        if (_registered.TryGetValue(deploymentId, out var registered))
        {
            return registered;
        }

        lock (_adHocGate)
        {
            return _adHoc.TryGetValue(deploymentId, out var adHoc) ? adHoc : null;
        }
    }

    private DeploymentState Create(ModelDeployment deployment, DeploymentStats? stats)
    {
        stats ??= new DeploymentStats(options.Value.StatisticsWindow, time);
        var circuit = new CircuitBreakerStateProvider();
        var quota = new DeploymentQuota(deployment.RateLimit, options.Value.QuotaBurst, time);
        return new DeploymentState(deployment, resilience.Build(deployment, quota, stats, circuit), circuit, quota, stats, clients);
    }
}
