using System.Text.Json.Nodes;

namespace Platform.Testing.Upstreams;

/// <summary>One request a fake upstream received, as it came over the wire.</summary>
/// <param name="Attempt">How many times this fake has now seen this path, model and prompt (1 for the first): a retry counts up.</param>
public sealed record UpstreamCall(string Path, IReadOnlyDictionary<string, string> Headers, JsonObject Body, int Attempt,
    DateTimeOffset ReceivedAt)
{
    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;

    public string? Authorization => Header("authorization");

    public bool Streaming => Body["stream"]?.GetValue<bool>() == true;

    public string? Model => Body["model"]?.GetValue<string>();

    /// <summary>The last chat message's text, else the body's `prompt` or `inputs` (Ollama's generate, HuggingFace); empty when none.</summary>
    public string Prompt => PromptOf(Body);

    internal static string PromptOf(JsonObject body) =>
        body["messages"] is JsonArray { Count: > 0 } messages && messages[^1]?["content"] is JsonValue content
            ? content.GetValue<string>()
            : (body["prompt"] ?? body["inputs"]) is JsonValue text && text.TryGetValue<string>(out var value) ? value : "";
}
