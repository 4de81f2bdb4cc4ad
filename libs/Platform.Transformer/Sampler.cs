using System.Numerics.Tensors;
using Platform.Transformer.Kernels;
using Platform.Transformer.Weights;

namespace Platform.Transformer;

/// <summary>Temperature, top-k and top-p sampling over reused buffers (no allocation per token).</summary>
internal sealed class Sampler(GenerationOptions options, int vocabSize)
{
    private readonly float[] _probabilities = new float[vocabSize];
    private readonly float[] _sortKeys = new float[vocabSize];
    private readonly int[] _order = new int[vocabSize];
    private SplitMix64 _random = new(options.Seed ?? (ulong)Random.Shared.NextInt64());

    public int Sample(ReadOnlySpan<float> logits)
    {
        if (options.Temperature == 0) return TensorPrimitives.IndexOfMax(logits);
        var p = _probabilities.AsSpan();
        TensorPrimitives.Divide(logits, options.Temperature, p);
        if (options.TopK is { } k && k < p.Length)
        {
            p.CopyTo(_sortKeys);
            Array.Sort(_sortKeys);
            float threshold = _sortKeys[^k];
            foreach (ref float value in p) if (value < threshold) value = float.NegativeInfinity;
        }
        Activations.Softmax(p);
        int candidates = p.Length;
        if (options.TopP is { } topP && topP < 1)
        {
            for (int i = 0; i < p.Length; i++) (_sortKeys[i], _order[i]) = (-p[i], i);
            Array.Sort(_sortKeys, _order);
            double cumulative = 0;
            candidates = 0;
            while (candidates < p.Length && cumulative < topP) cumulative -= _sortKeys[candidates++];
            return Draw(_order.AsSpan(0, candidates), cumulative);
        }
        for (int i = 0; i < p.Length; i++) _order[i] = i;
        return Draw(_order.AsSpan(0, candidates), 1.0);
    }

    /// <summary>Draws among <paramref name="ids"/> proportionally to their probabilities (summing to <paramref name="total"/>).</summary>
    private int Draw(ReadOnlySpan<int> ids, double total)
    {
        double target = _random.NextUnit() * total;
        double cumulative = 0;
        foreach (int id in ids)
        {
            cumulative += _probabilities[id];
            if (cumulative >= target) return id;
        }
        return ids[^1];
    }
}
