namespace Platform.Providers.Models;

/// <summary>How a provider is spoken to on the wire.</summary>
public enum WireProtocol
{
    OpenAiCompatible,
    Anthropic,
    Ollama,
    HuggingFace,
}
