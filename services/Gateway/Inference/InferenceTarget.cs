using Platform.Providers.Routing;

namespace Platform.Gateway.Inference;

/// <summary>
/// Where a request goes: the router's target (a registered name, or the request's own config) and the
/// deployment that stands for it (its provider kind decides which tasks it can run).
/// </summary>
public sealed record InferenceTarget(string Engine, string ModelName, RouteTarget Route, ModelDeployment Deployment)
{
    /// <summary>Seed 001's cache key.</summary>
    public string Key => $"{Engine}:{ModelName}";
}
