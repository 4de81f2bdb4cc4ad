using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.Transformer;
using Platform.TransformerWorker.Errors;

namespace Platform.TransformerWorker.Completions;

public sealed record ModelList([property: JsonPropertyName("object")] string Kind, IReadOnlyList<ModelCard> Data);
