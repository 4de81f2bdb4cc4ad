namespace Platform.TransformerWorker.Completions;

/// <summary>Chat's log-probabilities: per generated token, its text, exact UTF-8 bytes and the most likely tokens at its position.</summary>
public sealed record ChatLogprobs(IReadOnlyList<ChatTokenLogprob> Content)
{
    public static ChatLogprobs Of(IReadOnlyList<ScoredToken> tokens) =>
        new([.. tokens.Select(scored => new ChatTokenLogprob(scored.Token.Text, scored.Token.Logprob, ByteValues(scored.Token),
            [.. scored.Top.Select(top => new ChatTopLogprob(top.Text, top.Logprob, ByteValues(top)))]))]);

    /// <summary>Numbers, not base64 as a byte array would serialize.</summary>
    private static int[] ByteValues(TokenLogprob token) => [.. token.Bytes.Select(value => (int)value)];
}
