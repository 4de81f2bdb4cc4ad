namespace Platform.Gateway.Inference;

public sealed record InferenceUsage(int PromptTokens, int CompletionTokens, int TotalTokens, bool Estimated, decimal Cost);
