namespace Platform.Gateway.OpenAi;

public sealed record ChatCompletionUsage(int PromptTokens, int CompletionTokens, int TotalTokens);
