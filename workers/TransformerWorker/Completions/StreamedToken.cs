using Platform.Transformer;

namespace Platform.TransformerWorker.Completions;

/// <summary>A streamed token's text (possibly empty while held back), the finish reason on the last, and its log-probabilities when asked for.</summary>
public sealed record StreamedToken(string Text, FinishReason? FinishReason, ScoredToken? Logprobs);
