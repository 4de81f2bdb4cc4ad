using System.Text;
using Platform.Transformer;

namespace Platform.TransformerWorker.Completions;

/// <summary>A token's UTF-8 bytes and log-probability.</summary>
public sealed record TokenLogprob(byte[] Bytes, double Logprob)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The token's text; a token holding part of a character is written as OpenAI does, `bytes:\xe6\x97`.</summary>
    public string Text
    {
        get
        {
            try
            {
                return StrictUtf8.GetString(Bytes);
            }
            catch (DecoderFallbackException)
            {
                return "bytes:" + string.Concat(Bytes.Select(value => $"\\x{value:x2}"));
            }
        }
    }
}

/// <summary>A generated token and the most likely tokens at its position, most likely first, with their bytes.</summary>
public sealed record ScoredToken(TokenLogprob Token, IReadOnlyList<TokenLogprob> Top)
{
    public static ScoredToken Of(TokenLogprobs logprobs, Gpt2Tokenizer tokenizer)
    {
        TokenLogprob Of(TokenScore score) => new(tokenizer.TokenBytes(score.Id).ToArray(), score.Logprob);
        return new ScoredToken(Of(logprobs.Token), [.. logprobs.Top.Select(Of)]);
    }
}
