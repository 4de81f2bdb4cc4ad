using System.Text.Json.Serialization;

namespace Platform.Transformer;

public sealed record TensorInfo(
    [property: JsonPropertyName("shape")] IReadOnlyList<int> Shape,
    [property: JsonPropertyName("dtype")] string Dtype);
