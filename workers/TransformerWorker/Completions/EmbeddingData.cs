using System.Text.Json.Serialization;

namespace Platform.TransformerWorker.Completions;

public sealed record EmbeddingData([property: JsonPropertyName("object")] string Kind, int Index, float[] Embedding);
