namespace Platform.Transformer;

/// <summary>
/// One generated token and the text it releases: text is held back while it could still be the start of a
/// stop sequence or of a multi-byte character. The last token of a stream carries the finish reason. Its
/// log-probabilities are there when <see cref="GenerationOptions.TopLogprobs"/> asks for them.
/// </summary>
public sealed record GeneratedToken(int Id, string Text, FinishReason? FinishReason, TokenLogprobs? Logprobs = null);
