namespace Platform.Contracts;

/// <summary>
/// One model configuration of a job as carried on the wire. The provider key travels only
/// encrypted (<see cref="EncryptedApiKey"/>); workers decrypt it with the shared secret.
/// </summary>
public sealed record ModelSpec(
    string ModelType,
    string ModelName,
    string? BaseUrl,
    string? EncryptedApiKey,
    double? Temperature,
    int? MaxTokens,
    string? PromptTemplate,
    string? SystemPrompt = null,
    bool? EnableCache = null,
    int? CacheTtl = null);
