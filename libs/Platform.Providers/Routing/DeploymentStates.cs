using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Platform.Providers.Caching;
using Platform.Providers.Clients;
using Platform.Providers.Quotas;
using Platform.Providers.Quotas.SharedCounts;
using Platform.Providers.Resilience;
using Polly.CircuitBreaker;

namespace Platform.Providers.Routing;

/// <summary>
/// Per-deployment states by deployment id, made on first use. A deployment whose endpoint or rate limit
/// changed gets a new state (a new pipeline, and so a fresh circuit; a new quota and client); its
/// statistics carry over. Registered deployments are as many as the catalog holds; configs carried by
/// requests (<see cref="RouteTarget.For"/>) can be any number, so only the most recently used
/// <see cref="RoutingOptions.MaxAdHocDeployments"/> of them are kept. Quotas count across replicas when the host
/// registered <see cref="SharedWindows"/> (<see cref="SharedQuotasExtensions.AddSharedQuotas"/>).
/// </summary>
public sealed class DeploymentStates(ProviderResilience resilience, ChatClientFactory clients, IOptions<RoutingOptions> options,
    TimeProvider time, SharedWindows? sharedWindows = null)
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
        var quota = new DeploymentQuota(deployment.RateLimit, options.Value.QuotaBurst, time, SharedDeploymentQuota.For(sharedWindows, deployment));
        return new DeploymentState(deployment, resilience.Build(deployment, quota, stats, circuit), circuit, quota, stats, clients);
    }
}
