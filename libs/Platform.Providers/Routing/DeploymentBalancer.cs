using System.Collections.Concurrent;

namespace Platform.Providers.Routing;

/// <summary>
/// Orders the deployments of one model name for a call by the catalog's strategy: the chosen one first,
/// then the other available ones by priority (tried in turn if the chosen one fails). Unhealthy
/// deployments and open circuits are left out unless nothing else is left.
/// </summary>
public sealed class DeploymentBalancer
{
    private readonly ConcurrentDictionary<string, RoundRobin> _rotations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SmoothWeights> _weights = new(StringComparer.Ordinal);

    /// <param name="candidates">The enabled deployments of <paramref name="modelName"/> in priority order.</param>
    public IReadOnlyList<ModelDeployment> Order(string modelName, IReadOnlyList<BalancerCandidate> candidates, LoadBalancingSettings settings)
    {
        var usable = candidates.Where(candidate => candidate.Available).ToList();
        if (usable.Count == 0)
        {
            usable = [.. candidates];
        }

        if (usable.Count <= 1)
        {
            return usable.Select(candidate => candidate.Deployment).ToList();
        }

        var chosen = settings.Strategy switch
        {
            BalancingStrategy.Weighted => _weights.GetOrAdd(modelName, _ => new SmoothWeights()).Next(usable, settings),
            // Unmeasured deployments count as fastest, so each gets measured.
            BalancingStrategy.LeastLatency => usable.MinBy(candidate => candidate.AverageLatencyMs ?? 0)!,
            BalancingStrategy.LeastBusy => usable.MinBy(candidate => candidate.InFlight)!,
            _ => usable[_rotations.GetOrAdd(modelName, _ => new RoundRobin()).Next(usable.Count)],
        };
        return [chosen.Deployment, .. usable.Where(candidate => candidate != chosen).Select(candidate => candidate.Deployment)];
    }

    /// <summary>A deployment's share under `weighted`: the settings' weight for its id, then for its upstream model name, then its own.</summary>
    public static double WeightOf(ModelDeployment deployment, LoadBalancingSettings settings) =>
        settings.Weights.TryGetValue(deployment.Id, out var byId) ? byId
        : settings.Weights.TryGetValue(deployment.Target.ModelName, out var byName) ? byName
        : deployment.Weight;

    private sealed class RoundRobin
    {
        private int _next = -1;

        public int Next(int count) => (int)((uint)Interlocked.Increment(ref _next) % (uint)count);
    }

    /// <summary>
    /// Smooth weighted round robin (as nginx balances upstreams): every pick adds each weight to its
    /// deployment's running score and takes the highest, which then pays back the total. Over any run
    /// of picks the shares match the weights, without sending bursts to the heaviest.
    /// </summary>
    private sealed class SmoothWeights
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<string, double> _scores = new(StringComparer.Ordinal);

        public BalancerCandidate Next(IReadOnlyList<BalancerCandidate> candidates, LoadBalancingSettings settings)
        {
            lock (_gate)
            {
                BalancerCandidate? best = null;
                var bestScore = double.MinValue;
                var total = 0.0;
                foreach (var candidate in candidates)
                {
                    var weight = Math.Max(0, WeightOf(candidate.Deployment, settings));
                    total += weight;
                    var score = _scores.GetValueOrDefault(candidate.Deployment.Id) + weight;
                    _scores[candidate.Deployment.Id] = score;
                    if (score > bestScore)
                    {
                        (best, bestScore) = (candidate, score);
                    }
                }

                _scores[best!.Deployment.Id] = bestScore - total;
                return best;
            }
        }
    }
}
