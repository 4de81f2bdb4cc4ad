namespace Platform.TransformerWorker.Completions;

public sealed record StreamOptions(bool IncludeUsage);
