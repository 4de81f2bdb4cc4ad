namespace Platform.Providers.Routing;

/// <summary>A deployment as the balancer sees it at the moment of choosing.</summary>
public sealed record BalancerCandidate(ModelDeployment Deployment, bool Available, double? AverageLatencyMs, int InFlight);
