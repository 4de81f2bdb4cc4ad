using Platform.Transformer.Kernels;
using Platform.Transformer.Weights;

namespace Platform.Transformer;

/// <summary>y = x W + b with W stored input-major (Conv1D layout of GPT-2 checkpoints), packed for <see cref="Gemm"/>.</summary>
internal sealed class Linear
{
    private readonly PackedMatrix _weight;
    private readonly float[]? _bias;

    public Linear(ParameterReader parameters, string name, int inputs, int outputs, bool bias)
    {
        _weight = parameters.ReadPacked($"{name}.weight", inputs, outputs);
        _bias = bias ? parameters.ReadArray($"{name}.bias", outputs) : null;
    }

    public int Inputs => _weight.Rows;
    public int Outputs => _weight.Columns;

    /// <summary>y (rows, out) = x (rows, in) · W + b, or y += x · W + b when <paramref name="accumulate"/> (a residual add).</summary>
    public void Forward(ReadOnlySpan<float> x, int rows, Span<float> y, bool accumulate = false) =>
        Gemm.Multiply(x, Inputs, rows, Inputs, _weight, Outputs, y, Outputs, _bias, accumulate);
}
