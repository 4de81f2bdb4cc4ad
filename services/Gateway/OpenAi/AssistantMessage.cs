namespace Platform.Gateway.OpenAi;

/// <summary>`refusal` is required by OpenAI's schema: null, as no model here refuses in a separate field.</summary>
public sealed record AssistantMessage(string Role, string Content)
{
    public string? Refusal => null;
}
