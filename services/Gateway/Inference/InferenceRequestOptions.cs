namespace Platform.Gateway.Inference;

/// <summary>Sampling settings, a task's own settings, and the endpoint of a model given in full (not registered).</summary>
public sealed record InferenceRequestOptions(
    double? Temperature,
    int? MaxTokens,
    double? TopP,
    IReadOnlyList<string?>? Labels,
    string? SourceLanguage,
    string? TargetLanguage,
    string? ApiKey,
    string? BaseUrl);
