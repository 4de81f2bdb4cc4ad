namespace Platform.TransformerWorker.Completions;

public sealed record EmbeddingUsage(int PromptTokens, int TotalTokens);
