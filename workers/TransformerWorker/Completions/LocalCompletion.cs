using Platform.Transformer;

namespace Platform.TransformerWorker.Completions;

/// <summary>A whole completion with its token counts and, when asked for, each generated token's log-probabilities.</summary>
public sealed record LocalCompletion(string Text, FinishReason FinishReason, int PromptTokens, int CompletionTokens, IReadOnlyList<ScoredToken>? Logprobs);
