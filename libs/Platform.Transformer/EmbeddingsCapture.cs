using System.Text.Json.Serialization;

namespace Platform.Transformer;

public sealed record EmbeddingsCapture(
    [property: JsonPropertyName("token_embeddings")] TensorInfo TokenEmbeddings,
    [property: JsonPropertyName("position_embeddings")] TensorInfo PositionEmbeddings);
