namespace Platform.Transformer.Weights;

/// <summary>Copies elements [offset, offset + destination.Length) of a row-major checkpoint tensor into destination.</summary>
internal delegate void TensorReader(string name, long offset, Span<float> destination);
