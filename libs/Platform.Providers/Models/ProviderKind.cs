namespace Platform.Providers.Models;

/// <summary>A `model_type` of the seeds: its defaults, and whether this build can call it yet.</summary>
public sealed record ProviderKind(
    string ModelType,
    string Description,
    WireProtocol Protocol,
    Uri? DefaultBaseUrl,
    bool RequiresApiKey,
    bool Callable,
    IReadOnlyList<string> Examples)
{
    /// <summary>OpenAI itself takes `max_completion_tokens`; the compatible servers still expect `max_tokens`.</summary>
    public bool UsesMaxCompletionTokens => ModelType == ProviderKinds.OpenAi;
}
