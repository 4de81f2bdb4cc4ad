namespace Platform.Gateway.Models;

/// <summary>A version's config as shown: the key only redacted.</summary>
public sealed record VersionConfigView(string ModelType, string ModelName, string? ApiKey, string? BaseUrl, int? MaxTokens,
    double? Temperature, string? PromptTemplate);
