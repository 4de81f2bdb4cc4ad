using Platform.Contracts.Http.Models;
using Platform.Providers.Models;
using Platform.Providers.Routing;

namespace Platform.Providers.Registry;

/// <summary>
/// A model deployment as an operator describes it: in configuration (`Llm:Models`), or through the
/// API, stored in `llm.models`. Every field but <see cref="Id"/> is optional, so that a stored change
/// can overlay a model declared in configuration (<see cref="Overlay"/>); defaults apply when building.
/// </summary>
public sealed record ModelDefinition
{
    public const string DefaultType = "text";
    public static IReadOnlyList<string> DefaultCapabilities { get; } = ["text-generation", "conversation"];

    public string Id { get; init; } = "";

    /// <summary>The public name clients ask for (`model`); deployments sharing one are balanced. Defaults to the id.</summary>
    public string? Model { get; init; }

    public string? ModelType { get; init; }

    /// <summary>The model's name upstream; defaults to the id.</summary>
    public string? ModelName { get; init; }

    public string? BaseUrl { get; init; }
    public string? ApiKey { get; init; }
    public string? DisplayName { get; init; }
    public string? Type { get; init; }
    public IReadOnlyList<string>? Capabilities { get; init; }
    public int? MaxTokens { get; init; }
    public int? ContextWindow { get; init; }
    public decimal? InputPer1KTokens { get; init; }
    public decimal? OutputPer1KTokens { get; init; }
    public bool? Enabled { get; init; }
    public int? Priority { get; init; }
    public double? Weight { get; init; }
    public int? RequestsPerMinute { get; init; }
    public int? TokensPerMinute { get; init; }
    public IReadOnlyList<string>? FallbackModels { get; init; }
    public double? DefaultTemperature { get; init; }
    public int? DefaultMaxTokens { get; init; }
    public string? PromptTemplate { get; init; }

    public string PublicName => Model ?? Id;

    /// <summary>This definition with every field that <paramref name="changes"/> sets replaced.</summary>
    public ModelDefinition Overlay(ModelDefinition changes) => new()
    {
        Id = Id,
        Model = changes.Model ?? Model,
        ModelType = changes.ModelType ?? ModelType,
        ModelName = changes.ModelName ?? ModelName,
        BaseUrl = changes.BaseUrl ?? BaseUrl,
        ApiKey = changes.ApiKey ?? ApiKey,
        DisplayName = changes.DisplayName ?? DisplayName,
        Type = changes.Type ?? Type,
        Capabilities = changes.Capabilities ?? Capabilities,
        MaxTokens = changes.MaxTokens ?? MaxTokens,
        ContextWindow = changes.ContextWindow ?? ContextWindow,
        InputPer1KTokens = changes.InputPer1KTokens ?? InputPer1KTokens,
        OutputPer1KTokens = changes.OutputPer1KTokens ?? OutputPer1KTokens,
        Enabled = changes.Enabled ?? Enabled,
        Priority = changes.Priority ?? Priority,
        Weight = changes.Weight ?? Weight,
        RequestsPerMinute = changes.RequestsPerMinute ?? RequestsPerMinute,
        TokensPerMinute = changes.TokensPerMinute ?? TokensPerMinute,
        FallbackModels = changes.FallbackModels ?? FallbackModels,
        DefaultTemperature = changes.DefaultTemperature ?? DefaultTemperature,
        DefaultMaxTokens = changes.DefaultMaxTokens ?? DefaultMaxTokens,
        PromptTemplate = changes.PromptTemplate ?? PromptTemplate,
    };

    /// <summary>The provider call settings, in the shape <see cref="ModelConfigValidator"/> checks.</summary>
    public AiModelConfig ToConfig() => new()
    {
        ModelType = ModelType,
        ModelName = ModelName ?? Id,
        ApiKey = ApiKey,
        BaseUrl = BaseUrl,
        Temperature = DefaultTemperature,
        MaxTokens = DefaultMaxTokens,
        PromptTemplate = PromptTemplate,
    };

    /// <summary>The routing view of a definition that <see cref="ModelDefinitionRules"/> accepted.</summary>
    public ModelDeployment ToDeployment() => new(Id, PublicName, ModelConfigValidator.Resolve(ToConfig()))
    {
        Enabled = Enabled ?? true,
        Priority = Priority ?? 0,
        Weight = Weight ?? 1,
        RateLimit = new RateLimit(RequestsPerMinute, TokensPerMinute),
        FallbackModels = FallbackModels ?? [],
        Pricing = new ModelPricing(InputPer1KTokens ?? 0, OutputPer1KTokens ?? 0),
    };

    /// <summary>Keys must never reach logs, even through a record's generated ToString.</summary>
    public override string ToString() => Id;
}
