namespace Platform.Gateway.Models;

/// <summary>The seed's fields first, then what an operator set with `PUT /config/models/{model_id}`.</summary>
public sealed record LlmModelView(
    string Id,
    string Name,
    string Provider,
    string Type,
    string Status,
    IReadOnlyList<string> Capabilities,
    ModelLimits Limits,
    ModelPricingView Pricing,
    string Model,
    string ModelName,
    bool Enabled,
    int Priority,
    double Weight,
    RateLimitView RateLimit,
    IReadOnlyList<string> FallbackModels,
    ModelParameters Parameters,
    string? ApiKey);
