namespace Platform.Jobs.Domain;

/// <summary>One `ai_model_config` of a job, with its provider key encrypted.</summary>
public sealed class JobModelConfig
{
    public required string ModelType { get; init; }
    public required string ModelName { get; init; }
    public string? BaseUrl { get; init; }
    public string? EncryptedApiKey { get; init; }
    public double? Temperature { get; init; }
    public int? MaxTokens { get; init; }
    public string? PromptTemplate { get; init; }
    public string? SystemPrompt { get; init; }
    public bool? EnableCache { get; init; }
    public int? CacheTtl { get; init; }
}
