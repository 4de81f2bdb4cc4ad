using System.Text.Json.Nodes;

namespace Platform.Providers.Embeddings;

/// <summary>One input to embed: a text, or token ids (which only OpenAI-compatible upstreams take).</summary>
public sealed record EmbeddingInput(string? Text, IReadOnlyList<int>? Tokens)
{
    public static EmbeddingInput OfText(string text) => new(text, null);

    /// <summary>Characters for token estimates; a token id stands for about four.</summary>
    public int Characters => Text?.Length ?? Tokens!.Count * 4;

    public JsonNode ToJson() => Text is not null ? JsonValue.Create(Text) : new JsonArray([.. Tokens!.Select(token => (JsonNode)JsonValue.Create(token))]);
}
