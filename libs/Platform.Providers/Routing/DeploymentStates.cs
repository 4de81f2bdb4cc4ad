using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Platform.Providers.Quotas;
using Platform.Providers.Resilience;
using Polly;
using Polly.CircuitBreaker;

namespace Platform.Providers.Routing;

/// <summary>What the router keeps per deployment: its pipeline (with its circuit), its quota and its statistics.</summary>
public sealed class DeploymentState(ModelDeployment deployment, ResiliencePipeline pipeline, CircuitBreakerStateProvider circuit,
    DeploymentQuota quota, DeploymentStats stats)
{
    public ModelDeployment Deployment { get; } = deployment;
    public ResiliencePipeline Pipeline { get; } = pipeline;
    public DeploymentQuota Quota { get; } = quota;
    public DeploymentStats Stats { get; } = stats;

    /// <summary>Refusing calls; half-open counts as closed, since it lets its trial call through.</summary>
    public bool CircuitOpen => circuit.CircuitState is CircuitState.Open or CircuitState.Isolated;

    public bool CircuitClosed => circuit.CircuitState == CircuitState.Closed;

    /// <summary>Worth sending a call to without a reason to prefer it over everything else.</summary>
    public bool Available => Stats.IsHealthy && !CircuitOpen;

    public DeploymentStatus Status() => new(
        Deployment.Id,
        !Stats.IsHealthy ? DeploymentHealth.Unhealthy : CircuitClosed && !Stats.IsFailing ? DeploymentHealth.Healthy : DeploymentHealth.Degraded,
        CircuitOpen,
        Stats.AverageLatencyMs,
        Stats.LastCheck,
        Stats.ErrorRate,
        Stats.InFlight);
}

/// <summary>
/// Per-deployment states by deployment id, made on first use. A deployment whose endpoint or rate limit
/// changed gets a new pipeline (and so a fresh circuit) and quota; its statistics carry over.
/// </summary>
public sealed class DeploymentStates(ProviderResilience resilience, IOptions<RoutingOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DeploymentState> _states = new(StringComparer.Ordinal);

    public DeploymentState For(ModelDeployment deployment)
    {
        while (true)
        {
            if (!_states.TryGetValue(deployment.Id, out var current))
            {
                var created = Create(deployment, new DeploymentStats(options.Value.StatisticsWindow, time));
                if (_states.TryAdd(deployment.Id, created))
                {
                    return created;
                }

                continue;
            }

            if (current.Deployment.Target == deployment.Target && current.Deployment.RateLimit == deployment.RateLimit)
            {
                return current;
            }

            var rebuilt = Create(deployment, current.Stats);
            if (_states.TryUpdate(deployment.Id, rebuilt, current))
            {
                return rebuilt;
            }
        }
    }

    public DeploymentState? Find(string deploymentId) => _states.GetValueOrDefault(deploymentId);

    private DeploymentState Create(ModelDeployment deployment, DeploymentStats stats)
    {
        var circuit = new CircuitBreakerStateProvider();
        var quota = new DeploymentQuota(deployment.RateLimit, options.Value.QuotaBurst, time);
        return new DeploymentState(deployment, resilience.Build(deployment, quota, stats, circuit), circuit, quota, stats);
    }
}
