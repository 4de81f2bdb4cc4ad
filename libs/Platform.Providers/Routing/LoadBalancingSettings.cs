namespace Platform.Providers.Routing;

/// <summary>Seed 003's `PUT /config/load-balancing`: how deployments of one model name share traffic and are health-checked.</summary>
public sealed record LoadBalancingSettings(
    BalancingStrategy Strategy,
    TimeSpan HealthCheckInterval,
    int FailureThreshold,
    int RecoveryThreshold,
    IReadOnlyDictionary<string, double> Weights)
{
    public static LoadBalancingSettings Default { get; } =
        new(BalancingStrategy.RoundRobin, TimeSpan.FromSeconds(30), 3, 2, new Dictionary<string, double>());
}
