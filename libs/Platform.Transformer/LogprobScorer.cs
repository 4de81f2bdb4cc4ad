using System.Numerics.Tensors;

namespace Platform.Transformer;

/// <summary>Log-probabilities of picked tokens and the most likely alternatives, from the logits before any temperature.</summary>
internal sealed class LogprobScorer(int topCount)
{
    private readonly List<int> _top = new(topCount + 1);

    public TokenLogprobs Score(ReadOnlySpan<float> logits, int token)
    {
        // In double and in index order, so that every replica sums alike; the max keeps exp from overflowing.
        double max = TensorPrimitives.Max(logits), sum = 0;
        foreach (float logit in logits) sum += Math.Exp(logit - max);
        double logSumExp = max + Math.Log(sum);
        MostLikely(logits);
        var top = new TokenScore[_top.Count];
        for (int i = 0; i < top.Length; i++) top[i] = new TokenScore(_top[i], logits[_top[i]] - logSumExp);
        return new TokenLogprobs(new TokenScore(token, logits[token] - logSumExp), top);
    }

    /// <summary>The ids of the <c>topCount</c> largest logits into _top, largest first (the lower id first among equals).</summary>
    private void MostLikely(ReadOnlySpan<float> logits)
    {
        _top.Clear();
        for (int id = 0; id < logits.Length && topCount > 0; id++)
        {
            if (_top.Count == topCount && logits[id] <= logits[_top[^1]]) continue;
            int at = 0;
            while (at < _top.Count && logits[id] <= logits[_top[at]]) at++;
            _top.Insert(at, id);
            if (_top.Count > topCount) _top.RemoveAt(topCount);
        }
    }
}
