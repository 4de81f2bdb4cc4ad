namespace Platform.TransformerWorker.Cache;

public sealed record PreloadRequest(string? ModelName);
