namespace Platform.Gateway.Models;

/// <summary>`health_check_interval` is in seconds.</summary>
public sealed record LoadBalancingView(string Strategy, int HealthCheckInterval, int FailureThreshold, int RecoveryThreshold,
    IReadOnlyDictionary<string, double> Weights);
