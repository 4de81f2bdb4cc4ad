namespace Platform.Gateway.Inference;

/// <summary>The model to load ahead of its first use: a `local` model of the TransformerWorkers.</summary>
public sealed record PreloadRequest(string? Engine, string? ModelName);
