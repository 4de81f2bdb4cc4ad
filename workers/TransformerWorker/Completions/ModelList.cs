using System.Text.Json.Serialization;

namespace Platform.TransformerWorker.Completions;

public sealed record ModelList([property: JsonPropertyName("object")] string Kind, IReadOnlyList<ModelCard> Data);
