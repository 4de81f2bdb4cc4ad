namespace Platform.TransformerWorker.Completions;

/// <summary>The legacy completions' log-probabilities: parallel lists, with the most likely tokens at each position as a token → log-probability map.</summary>
public sealed record TextLogprobs(IReadOnlyList<string> Tokens, IReadOnlyList<double> TokenLogprobs, IReadOnlyList<IReadOnlyDictionary<string, double>> TopLogprobs)
{
    public static TextLogprobs Of(IReadOnlyList<ScoredToken> tokens) =>
        new([.. tokens.Select(scored => scored.Token.Text)], [.. tokens.Select(scored => scored.Token.Logprob)], [.. tokens.Select(TopOf)]);

    /// <summary>Tokens that read alike (bytes outside the vocabulary) share a key: the most likely one keeps it.</summary>
    private static Dictionary<string, double> TopOf(ScoredToken scored)
    {
        var top = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var token in scored.Top)
        {
            top.TryAdd(token.Text, token.Logprob);
        }

        return top;
    }
}
