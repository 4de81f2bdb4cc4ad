namespace Platform.Gateway.OpenAi;

/// <summary>`finish_reason` is always present (null until the end), as OpenAI sends it.</summary>
public sealed record ChatCompletionChunkChoice(int Index, ChatCompletionChunkDelta Delta, string? FinishReason);
