using Platform.Transformer;

namespace Platform.TransformerWorker.Completions;

/// <summary>A generated token and the most likely tokens at its position, most likely first, with their bytes.</summary>
public sealed record ScoredToken(TokenLogprob Token, IReadOnlyList<TokenLogprob> Top)
{
    public static ScoredToken Of(TokenLogprobs logprobs, Gpt2Tokenizer tokenizer)
    {
        TokenLogprob Of(TokenScore score) => new(tokenizer.TokenBytes(score.Id).ToArray(), score.Logprob);
        return new ScoredToken(Of(logprobs.Token), [.. logprobs.Top.Select(Of)]);
    }
}
