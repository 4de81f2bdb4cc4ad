using System.Numerics.Tensors;
using Platform.Transformer.Kernels;

namespace Platform.Transformer;

/// <summary>LayerNorm over the embedding dimension, eps 1e-5, bias optional (nanoGPT's LayerNorm).</summary>
internal sealed class LayerNorm(float[] weight, float[]? bias)
{
    private const float Epsilon = 1e-5f;

    public LayerNorm(Func<string, float[]> read, string name, bool bias)
        : this(read($"{name}.weight"), bias ? read($"{name}.bias") : null)
    {
    }

    /// <summary>y (rows, C) = LayerNorm(x (rows, C)).</summary>
    public void Forward(float[] x, float[] y, int rows)
    {
        int c = weight.Length;
        Activations.ForRows(rows, 4L * c, (first, end) =>
        {
            for (int row = first; row < end; row++) Normalize(x.AsSpan(row * c, c), y.AsSpan(row * c, c));
        });
    }

    public void Normalize(ReadOnlySpan<float> x, Span<float> y)
    {
        float mean = TensorPrimitives.Sum(x) / x.Length;
        TensorPrimitives.Subtract(x, mean, y);
        float variance = TensorPrimitives.SumOfSquares(y) / x.Length;
        TensorPrimitives.Multiply(y, 1f / MathF.Sqrt(variance + Epsilon), y);
        if (bias is null) TensorPrimitives.Multiply(y, weight, y);
        else TensorPrimitives.MultiplyAdd(y, weight, bias, y);
    }
}

/// <summary>y = x W + b with W stored input-major (Conv1D layout of GPT-2 checkpoints), packed for <see cref="Gemm"/>.</summary>
internal sealed class Linear
{
    private readonly PackedMatrix _weight;
    private readonly float[]? _bias;

    public Linear(Func<string, float[]> read, string name, int inputs, int outputs, bool bias)
    {
        _weight = PackedMatrix.FromRowMajor(read($"{name}.weight"), inputs, outputs);
        _bias = bias ? read($"{name}.bias") : null;
    }

    public int Inputs => _weight.Rows;
    public int Outputs => _weight.Columns;

    /// <summary>y (rows, out) = x (rows, in) · W + b, or y += x · W + b when <paramref name="accumulate"/> (a residual add).</summary>
    public void Forward(ReadOnlySpan<float> x, int rows, Span<float> y, bool accumulate = false) =>
        Gemm.Multiply(x, Inputs, rows, Inputs, _weight, Outputs, y, Outputs, _bias, accumulate);
}
