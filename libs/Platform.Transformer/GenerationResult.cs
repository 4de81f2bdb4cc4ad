namespace Platform.Transformer;

public sealed record GenerationResult(IReadOnlyList<int> Tokens, string Text, FinishReason FinishReason, IReadOnlyList<TokenLogprobs>? Logprobs = null);
