namespace Platform.Llm.Data.Registry;

/// <summary>A row of `llm.model_versions`: one registered version of a model (seed 000), its key encrypted.</summary>
public sealed class StoredModelVersion
{
    public Guid Id { get; init; }
    public required string ModelType { get; init; }
    /// <summary>The public name the version is served as.</summary>
    public required string ModelName { get; init; }

    /// <summary>The model name sent upstream (`config.model_name`), which may differ from <see cref="ModelName"/>.</summary>
    public required string UpstreamModelName { get; init; }
    public required string Version { get; init; }
    public string? Description { get; init; }
    public string? BaseUrl { get; init; }
    public string? EncryptedApiKey { get; init; }
    public double? Temperature { get; init; }
    public int? MaxTokens { get; init; }
    public string? PromptTemplate { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
