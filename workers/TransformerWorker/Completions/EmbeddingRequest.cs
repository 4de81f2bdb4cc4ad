using System.Text.Json;

namespace Platform.TransformerWorker.Completions;

/// <summary>OpenAI's `/v1/embeddings` body: a model and one text or an array of texts.</summary>
public sealed record EmbeddingRequest(string? Model, JsonElement? Input)
{
    public const int MaxInputs = 256;

    public IReadOnlyList<string> Texts() => Input switch
    {
        { ValueKind: JsonValueKind.String } single => [single.GetString()!],
        { ValueKind: JsonValueKind.Array } many => [.. many.EnumerateArray().Select(text => text.GetString()!)],
        _ => [],
    };
}
