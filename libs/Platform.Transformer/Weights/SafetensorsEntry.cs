namespace Platform.Transformer.Weights;

/// <summary>One tensor in a safetensors file: dtype, shape and byte range within the data section.</summary>
public sealed record SafetensorsEntry(string Name, string Dtype, IReadOnlyList<int> Shape, long Begin, long End);
