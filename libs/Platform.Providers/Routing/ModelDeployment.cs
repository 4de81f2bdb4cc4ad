using Platform.Providers.Models;

namespace Platform.Providers.Routing;

/// <summary>
/// One concrete endpoint serving a public model name: several deployments of one name are balanced,
/// and each has its own resilience pipeline, quota, circuit and health.
/// </summary>
public sealed record ModelDeployment(string Id, string ModelName, ResolvedModel Target)
{
    public bool Enabled { get; init; } = true;

    /// <summary>Lower is preferred when a strategy has to break a tie.</summary>
    public int Priority { get; init; }

    /// <summary>Share of traffic under the `weighted` strategy, relative to the other deployments of the name.</summary>
    public double Weight { get; init; } = 1;

    public RateLimit RateLimit { get; init; } = RateLimit.Unlimited;

    /// <summary>Model names tried in order when this deployment fails after its retries or its circuit is open.</summary>
    public IReadOnlyList<string> FallbackModels { get; init; } = [];

    public ModelPricing Pricing { get; init; } = ModelPricing.Free;
}
