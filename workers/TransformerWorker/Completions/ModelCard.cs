using System.Text.Json.Serialization;

namespace Platform.TransformerWorker.Completions;

public sealed record ModelCard(string Id, [property: JsonPropertyName("object")] string Kind, long Created, string OwnedBy);
