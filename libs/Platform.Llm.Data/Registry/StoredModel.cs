namespace Platform.Llm.Data.Registry;

/// <summary>
/// A row of `llm.models`: a model created or changed through the API. Null columns inherit from the
/// model of the same id declared in configuration, or take the defaults. The key is stored only encrypted.
/// </summary>
public sealed class StoredModel
{
    public required string Id { get; init; }
    public string? Model { get; set; }
    public string? ModelType { get; set; }
    public string? ModelName { get; set; }
    public string? BaseUrl { get; set; }
    public string? EncryptedApiKey { get; set; }
    public string? DisplayName { get; set; }
    public string? Type { get; set; }
    public List<string>? Capabilities { get; set; }
    public int? MaxTokens { get; set; }
    public int? ContextWindow { get; set; }
    public decimal? InputPerThousandTokens { get; set; }
    public decimal? OutputPerThousandTokens { get; set; }
    public bool? Enabled { get; set; }
    public int? Priority { get; set; }
    public double? Weight { get; set; }
    public int? RequestsPerMinute { get; set; }
    public int? TokensPerMinute { get; set; }
    public List<string>? FallbackModels { get; set; }
    public double? DefaultTemperature { get; set; }
    public int? DefaultMaxTokens { get; set; }
    public string? PromptTemplate { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}
