namespace Platform.TransformerWorker.Completions;

/// <summary>What every completion object and chunk starts with.</summary>
public sealed record CompletionHeader(string Id, long Created, string Model);
