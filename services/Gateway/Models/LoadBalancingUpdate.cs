using Platform.Contracts.Http.Models;
using System.Text.Json.Serialization;
using Platform.Providers.Models;

namespace Platform.Gateway.Models;

public sealed record LoadBalancingUpdate(string? Strategy, int? HealthCheckInterval, int? FailureThreshold, int? RecoveryThreshold,
    IReadOnlyDictionary<string, double>? Weights);
