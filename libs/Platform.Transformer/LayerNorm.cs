using System.Numerics.Tensors;
using Platform.Transformer.Kernels;
using Platform.Transformer.Weights;

namespace Platform.Transformer;

/// <summary>LayerNorm over the embedding dimension, eps 1e-5, bias optional (nanoGPT's LayerNorm).</summary>
internal sealed class LayerNorm(float[] weight, float[]? bias)
{
    private const float Epsilon = 1e-5f;

    public LayerNorm(ParameterReader parameters, string name, int size, bool bias)
        : this(parameters.ReadArray($"{name}.weight", size), bias ? parameters.ReadArray($"{name}.bias", size) : null)
    {
    }

    /// <summary>y (rows, C) = LayerNorm(x (rows, C)).</summary>
    public void Forward(float[] x, float[] y, int rows)
    {
        int c = weight.Length;
        Parallelism.ForRanges(rows, c, (first, end) =>
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
