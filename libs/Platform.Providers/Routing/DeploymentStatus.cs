namespace Platform.Providers.Routing;

public enum DeploymentHealth
{
    Healthy,
    Degraded,
    Unhealthy,
}

/// <summary>What the router knows about a deployment right now (seed 003 `GET /models/{id}/status`).</summary>
public sealed record DeploymentStatus(
    string DeploymentId,
    DeploymentHealth Health,
    bool CircuitOpen,
    double? ResponseTimeMs,
    DateTimeOffset? LastCheck,
    double ErrorRate,
    int InFlight);
