namespace Platform.Gateway.Models;

/// <summary>
/// `PUT /config/models/{model_id}`: the seed's settings; for a model not registered yet, also who serves
/// it (`model_type` or `provider`, `model_name`, `base_url`, `api_key`) and how it is listed.
/// Fields left out keep their current values.
/// </summary>
public sealed record ModelConfigUpdate(
    bool? Enabled,
    int? Priority,
    RateLimitView? RateLimit,
    IReadOnlyList<string>? FallbackModels,
    ModelParameters? Parameters,
    string? ModelType,
    string? Provider,
    string? ModelName,
    string? BaseUrl,
    string? ApiKey,
    ModelPricingView? Pricing,
    string? Model,
    string? Name,
    string? Type,
    IReadOnlyList<string>? Capabilities,
    ModelLimits? Limits,
    double? Weight);
