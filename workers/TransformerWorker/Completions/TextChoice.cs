namespace Platform.TransformerWorker.Completions;

public sealed record TextChoice(int Index, string Text, TextLogprobs? Logprobs, string? FinishReason);
