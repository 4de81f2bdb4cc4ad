namespace Platform.Gateway.Models;

public sealed record LoadBalancingUpdate(string? Strategy, int? HealthCheckInterval, int? FailureThreshold, int? RecoveryThreshold,
    IReadOnlyDictionary<string, double>? Weights);
