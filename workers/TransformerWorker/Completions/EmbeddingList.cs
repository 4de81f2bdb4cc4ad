using System.Text.Json.Serialization;

namespace Platform.TransformerWorker.Completions;

public sealed record EmbeddingList([property: JsonPropertyName("object")] string Kind, IReadOnlyList<EmbeddingData> Data, string Model, EmbeddingUsage Usage);
