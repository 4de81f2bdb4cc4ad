using System.Runtime.InteropServices;
using System.Text.Json.Serialization;

namespace Platform.Providers.Embeddings;

/// <summary>OpenAI's embeddings answer, as `/v1/embeddings` returns it and an embeddings batch's output lines carry it.</summary>
public sealed record EmbeddingList(
    [property: JsonPropertyName("data")] IReadOnlyList<EmbeddingData> Data,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("usage")] EmbeddingUsage Usage)
{
    [JsonPropertyName("object")]
    public string ObjectType { get; init; } = "list";

    /// <param name="model">The model name the caller asked for.</param>
    /// <param name="base64">OpenAI's `encoding_format: base64`: each vector's float32 values, little-endian, in base64.</param>
    public static EmbeddingList Of(EmbeddingVectors vectors, string model, bool base64) => new(
        [.. vectors.Vectors.Select((vector, index) =>
            new EmbeddingData(index, base64 ? Convert.ToBase64String(MemoryMarshal.AsBytes(vector.AsSpan())) : vector))],
        model,
        new EmbeddingUsage(vectors.PromptTokens, vectors.PromptTokens));
}
