using Platform.Contracts.Http.Models;
using System.Text.Json.Serialization;
using Platform.Providers.Models;

namespace Platform.Gateway.Models;

// Seed 000: model types, their health, and registered versions.

public sealed record ModelTypeList(IReadOnlyList<ModelTypeView> Models);

public sealed record ModelTypeView(string ModelType, string Description, bool Supported, IReadOnlyList<string> Examples);

/// <summary>`response_time` is in seconds, as in the seed; null when nothing was called.</summary>
public sealed record ModelTypeHealth(string ModelType, string Status, bool Available, string Message, double? ResponseTime);

/// <summary>`replace: true` takes over a model name that already serves another model (declared, configured or of another type).</summary>
public sealed record RegisterModelRequest(string? ModelType, string? ModelName, string? Version, AiModelConfig? Config, string? Description,
    bool? Replace = null);

public sealed record ModelVersionRegistered(string Status, string Message, ModelVersionView ModelVersion);

public sealed record ModelVersionList(IReadOnlyList<ModelVersionView> Versions, int Total);

/// <summary>`active`: the latest version of its model name, the one that name serves.</summary>
public sealed record ModelVersionView(Guid Id, string ModelType, string ModelName, string Version, string? Description,
    VersionConfigView Config, bool Active, DateTime CreatedAt);

/// <summary>A version's config as shown: the key only redacted.</summary>
public sealed record VersionConfigView(string ModelType, string ModelName, string? ApiKey, string? BaseUrl, int? MaxTokens,
    double? Temperature, string? PromptTemplate);

// Seed 003: registered models, their status, and the operator's configuration.

public sealed record LlmModelList(IReadOnlyList<LlmModelView> Models);

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

public sealed record ModelLimits(int? MaxTokens, int? ContextWindow);

public sealed record ModelPricingView(
    [property: JsonPropertyName("input_per_1k_tokens")] decimal? InputPer1KTokens,
    [property: JsonPropertyName("output_per_1k_tokens")] decimal? OutputPer1KTokens);

public sealed record RateLimitView(int? RequestsPerMinute, int? TokensPerMinute);

public sealed record ModelParameters(double? DefaultTemperature, int? MaxTokens);

public sealed record LlmModelStatus(string ModelId, string Status, string Health, double? ResponseTimeMs, DateTimeOffset? LastCheck,
    double ErrorRate);

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

public sealed record ModelConfigSaved(string Message, LlmModelView Model);

/// <summary>`health_check_interval` is in seconds.</summary>
public sealed record LoadBalancingView(string Strategy, int HealthCheckInterval, int FailureThreshold, int RecoveryThreshold,
    IReadOnlyDictionary<string, double> Weights);

public sealed record LoadBalancingUpdate(string? Strategy, int? HealthCheckInterval, int? FailureThreshold, int? RecoveryThreshold,
    IReadOnlyDictionary<string, double>? Weights);

public sealed record LoadBalancingSaved(string Message, LoadBalancingView LoadBalancing);
