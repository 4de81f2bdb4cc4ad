using System.Numerics.Tensors;

namespace Platform.Transformer.Kernels;

/// <summary>Element-wise functions on rows, vectorised through <see cref="TensorPrimitives"/>.</summary>
internal static class Activations
{
    // GELU tanh approximation: 0.5 x (1 + tanh(√(2/π)(x + 0.044715 x³))) = x · sigmoid(2√(2/π) (x + 0.044715 x³)).
    private const float GeluCubic = 0.044715f;
    private static readonly float GeluScale = (float)(2 * Math.Sqrt(2 / Math.PI));

    /// <summary>Applies <paramref name="activation"/> in place; <paramref name="scratch"/> is as long as <paramref name="values"/>.</summary>
    public static void Apply(MoeActivation activation, Span<float> values, Span<float> scratch)
    {
        switch (activation)
        {
            case MoeActivation.Gelu:
                TensorPrimitives.Multiply(values, values, scratch);
                TensorPrimitives.Multiply(scratch, values, scratch);
                TensorPrimitives.MultiplyAdd(scratch, GeluCubic, values, scratch);
                TensorPrimitives.Multiply(scratch, GeluScale, scratch);
                TensorPrimitives.Sigmoid(scratch, scratch);
                TensorPrimitives.Multiply(values, scratch, values);
                break;
            case MoeActivation.Relu:
                TensorPrimitives.Max(values, 0f, values);
                break;
            case MoeActivation.Silu:
                TensorPrimitives.Sigmoid(values, scratch);
                TensorPrimitives.Multiply(values, scratch, values);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation), activation, null);
        }
    }

    /// <summary>Numerically stable softmax in place (entries of -∞ get probability 0).</summary>
    public static void Softmax(Span<float> values) => TensorPrimitives.Multiply(values, 1f / ShiftedExp(values), values);

    /// <summary>exp(x − max x) in place, returning the sum: softmax without its final division.</summary>
    public static float ShiftedExp(Span<float> values)
    {
        float max = TensorPrimitives.Max(values);
        TensorPrimitives.Subtract(values, max, values);
        TensorPrimitives.Exp(values, values);
        return TensorPrimitives.Sum(values);
    }
}
