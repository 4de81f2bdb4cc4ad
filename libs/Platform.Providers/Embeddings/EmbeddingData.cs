using System.Text.Json.Serialization;

namespace Platform.Providers.Embeddings;

/// <summary>One input's vector: a float array, or its base64 text when the caller asked for that encoding.</summary>
public sealed record EmbeddingData(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("embedding")] object Embedding)
{
    [JsonPropertyName("object")]
    public string ObjectType { get; init; } = "embedding";
}
