namespace Platform.Providers.Routing;

/// <summary>What the router knows about a deployment right now (seed 003 `GET /models/{id}/status`).</summary>
public sealed record DeploymentStatus(
    string DeploymentId,
    DeploymentHealth Health,
    bool CircuitOpen,
    double? ResponseTimeMs,
    DateTimeOffset? LastCheck,
    double ErrorRate,
    int InFlight);
