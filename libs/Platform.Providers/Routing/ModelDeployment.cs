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

/// <summary>Requests and tokens per minute a deployment may use; null means no limit.</summary>
public sealed record RateLimit(int? RequestsPerMinute, int? TokensPerMinute)
{
    public static RateLimit Unlimited { get; } = new(null, null);
}

/// <summary>Price per 1,000 prompt (input) and completion (output) tokens, in US dollars.</summary>
public sealed record ModelPricing(decimal InputPer1KTokens, decimal OutputPer1KTokens)
{
    public static ModelPricing Free { get; } = new(0, 0);

    public decimal InputCost(long promptTokens) => InputPer1KTokens * promptTokens / 1000m;

    public decimal OutputCost(long completionTokens) => OutputPer1KTokens * completionTokens / 1000m;
}
