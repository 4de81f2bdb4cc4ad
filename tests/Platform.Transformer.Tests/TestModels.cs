using Platform.Transformer.Weights;

namespace Platform.Transformer.Tests;

internal static class TestModels
{
    /// <summary>Small enough for the naive reference; sizes are not multiples of the SIMD tile on purpose.</summary>
    public static TransformerConfig Small(bool bias = true) => new()
    {
        VocabSize = 61,
        ContextSize = 64,
        NLayer = 2,
        NHead = 3,
        NEmbed = 24,
        Bias = bias,
    };

    /// <summary>
    /// Random checkpoint tensors, larger than GPT-2's init (std 0.02) so attention is peaked and routing
    /// decisive; LayerNorm weights near 1 and non-zero biases so every term matters.
    /// </summary>
    public static Dictionary<string, float[]> RandomTensors(TransformerConfig config, int seed, double std = 0.25)
    {
        var random = new Random(seed);
        var tensors = new Dictionary<string, float[]>();
        foreach (var spec in TensorSpec.ForModel(config))
        {
            bool layerNormWeight = spec.Shape.Count == 1 && spec.Name.EndsWith(".weight", StringComparison.Ordinal);
            var values = new float[spec.ElementCount];
            for (int i = 0; i < values.Length; i++)
                values[i] = (float)((layerNormWeight ? 1 : 0) + std * Normal(random));
            tensors[spec.Name] = values;
        }
        return tensors;
    }

    public static int[] RandomTokens(int count, int vocab, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => random.Next(vocab)).ToArray();
    }

    /// <summary>max |actual − expected| / max |expected| over all logits.</summary>
    public static double RelativeError(ReadOnlySpan<float> actual, double[,] expected)
    {
        int columns = expected.GetLength(1);
        double maxDifference = 0, maxExpected = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            double reference = expected[i / columns, i % columns];
            maxDifference = Math.Max(maxDifference, Math.Abs(actual[i] - reference));
            maxExpected = Math.Max(maxExpected, Math.Abs(reference));
        }
        return maxDifference / maxExpected;
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
