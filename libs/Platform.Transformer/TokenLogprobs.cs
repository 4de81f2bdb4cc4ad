namespace Platform.Transformer;

/// <summary>A generated token's log-probability and the most likely tokens at its position, most likely first.</summary>
public sealed record TokenLogprobs(TokenScore Token, IReadOnlyList<TokenScore> Top);
