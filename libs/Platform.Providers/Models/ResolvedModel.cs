namespace Platform.Providers.Models;

/// <summary>A validated model configuration with defaults filled in and the key in clear, ready to call.</summary>
public sealed record ResolvedModel(
    ProviderKind Kind,
    string ModelName,
    Uri BaseUrl,
    string? ApiKey,
    double? Temperature,
    int? MaxTokens,
    string PromptTemplate,
    string? SystemPrompt = null,
    bool UseCache = true,
    TimeSpan? CacheTtl = null)
{
    public string DisplayName => $"{Kind.ModelType}/{ModelName}";

    /// <summary>Keys must never reach logs, even through a record's generated ToString.</summary>
    public override string ToString() => DisplayName;
}
