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

/// <summary>A generated token and the most likely tokens at its position, most likely first.</summary>
public sealed record ScoredToken(TokenLogprob Token, IReadOnlyList<TokenLogprob> Top);

/// <summary>
/// Log-probabilities of generated tokens: the log-softmax of the logits the model gave their position, before
/// any temperature. The tokens are fed again exactly as generation fed them (the prompt, then one token at a
/// time through a KV cache), so these are the very logits the tokens were picked from.
/// </summary>
public sealed class TokenScorer(GptModel model, Gpt2Tokenizer tokenizer, int topCount)
{
    public IReadOnlyList<ScoredToken> Score(int[] prompt, IReadOnlyList<int> generated, CancellationToken cancellationToken)
    {
        var cache = model.CreateKvCache();
        var logits = new float[model.Config.VocabSize];
        var scored = new List<ScoredToken>(generated.Count);
        model.Forward(prompt, logits, cache);
        for (var position = 0; position < generated.Count; position++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (position > 0)
            {
                model.Forward([generated[position - 1]], logits, cache);
            }

            scored.Add(ScoreAt(logits, generated[position]));
        }

        return scored;
    }

    private ScoredToken ScoreAt(float[] logits, int token)
    {
        // In double and in index order, so that every replica sums alike; the max keeps exp from overflowing.
        double max = logits.Max(), sum = 0;
        foreach (var logit in logits)
        {
            sum += Math.Exp(logit - max);
        }

        var logSumExp = max + Math.Log(sum);
        TokenLogprob Of(int id) => new(tokenizer.TokenBytes(id).ToArray(), logits[id] - logSumExp);
        return new ScoredToken(Of(token), [.. MostLikely(logits).Select(Of)]);
    }

    /// <summary>The ids of the <c>topCount</c> largest logits, largest first (the lower id first among equals).</summary>
    private List<int> MostLikely(float[] logits)
    {
        var top = new List<int>(topCount + 1);
        for (var id = 0; id < logits.Length && topCount > 0; id++)
        {
            if (top.Count == topCount && logits[id] <= logits[top[^1]])
            {
                continue;
            }

            var at = top.FindIndex(other => logits[id] > logits[other]);
            top.Insert(at < 0 ? top.Count : at, id);
            if (top.Count > topCount)
            {
                top.RemoveAt(topCount);
            }
        }

        return top;
    }
}
