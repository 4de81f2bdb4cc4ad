using Platform.Transformer.Kernels;
using Platform.Transformer.Weights;

namespace Platform.Transformer;

/// <summary>c_fc → activation (GELU, tanh approximation, in the dense model) → c_proj.</summary>
internal sealed class Mlp
{
    private readonly Linear _cFc;
    private readonly Linear _cProj;
    private readonly MoeActivation _activation;

    public Mlp(ParameterReader parameters, string name, TransformerConfig config, MoeActivation activation)
    {
        _cFc = new Linear(parameters, $"{name}.c_fc", config.NEmbed, config.HiddenSize, config.Bias);
        _cProj = new Linear(parameters, $"{name}.c_proj", config.HiddenSize, config.NEmbed, config.Bias);
        _activation = activation;
    }

    /// <summary>output (rows, C) = mlp(input (rows, C)), or output += mlp(input) when <paramref name="accumulate"/>.</summary>
    public void Forward(float[] input, int rows, float[] output, float[] hidden, bool accumulate)
    {
        int width = _cFc.Outputs;
        _cFc.Forward(input, rows, hidden);                            // (T, 4C)
        Parallelism.ForRanges(rows, width, (first, end) =>           // ~1.4 ns per value (GELU's division)
            Activations.Apply(_activation, hidden.AsSpan(first * width, (end - first) * width)));
        _cProj.Forward(hidden, rows, output, accumulate);             // (T, C)
    }
}
