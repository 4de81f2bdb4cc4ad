using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Platform.Transformer.Kernels;

/// <summary>
/// Element-wise functions on rows. GELU, SiLU and softmax's exp are single vectorised passes with their own
/// exp (Cephes' expf polynomial, ≈ 1 ulp), several times faster than chaining <see cref="TensorPrimitives"/> calls.
/// </summary>
internal static unsafe class Activations
{
    // GELU tanh approximation: 0.5 x (1 + tanh(√(2/π)(x + 0.044715 x³))) = x · sigmoid(2√(2/π) (x + 0.044715 x³)).
    private const float GeluCubic = 0.044715f;
    private static readonly float GeluScale = (float)(2 * Math.Sqrt(2 / Math.PI));

    /// <summary>Applies <paramref name="activation"/> in place.</summary>
    public static void Apply(MoeActivation activation, Span<float> values)
    {
        switch (activation)
        {
            case MoeActivation.Gelu:
                SigmoidGate(values, -GeluCubic * GeluScale, -GeluScale);
                break;
            case MoeActivation.Relu:
                TensorPrimitives.Max(values, 0f, values);
                break;
            case MoeActivation.Silu:
                SigmoidGate(values, 0f, -1f);
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
        float max = Max(values);
        int i = 0;
        float sum = 0;
        fixed (float* p = values)
        {
            if (Simd.Wide)
            {
                var shift = Vector512.Create(max);
                var total = Vector512<float>.Zero;
                for (; i <= values.Length - 16; i += 16)
                {
                    var e = Exp(Vector512.Load(p + i) - shift);
                    e.Store(p + i);
                    total += e;
                }
                sum = Vector512.Sum(total);
            }
            else if (Vector256.IsHardwareAccelerated)
            {
                var shift = Vector256.Create(max);
                var total = Vector256<float>.Zero;
                for (; i <= values.Length - 8; i += 8)
                {
                    var e = Exp(Vector256.Load(p + i) - shift);
                    e.Store(p + i);
                    total += e;
                }
                sum = Vector256.Sum(total);
            }
            for (; i < values.Length; i++)
            {
                float e = MathF.Exp(p[i] - max);
                p[i] = e;
                sum += e;
            }
        }
        return sum;
    }

    /// <summary>The largest value (−∞ for none); as TensorPrimitives.Max for finite inputs, vectorised here.</summary>
    private static float Max(ReadOnlySpan<float> values)
    {
        fixed (float* p = values)
        {
            // The last vector overlaps the previous ones rather than leaving a scalar tail.
            if (Simd.Wide && values.Length >= 16)
            {
                var best = Vector512.Load(p + values.Length - 16);
                for (int i = 0; i < values.Length - 16; i += 16) best = Vector512.Max(best, Vector512.Load(p + i));
                return Max(Vector256.Max(best.GetLower(), best.GetUpper()));
            }
            if (Vector256.IsHardwareAccelerated && values.Length >= 8)
            {
                var best = Vector256.Load(p + values.Length - 8);
                for (int i = 0; i < values.Length - 8; i += 8) best = Vector256.Max(best, Vector256.Load(p + i));
                return Max(best);
            }
            float max = float.NegativeInfinity;
            for (int i = 0; i < values.Length; i++) max = MathF.Max(max, p[i]);
            return max;
        }
    }

    private static float Max(Vector256<float> v)
    {
        var q = Vector128.Max(v.GetLower(), v.GetUpper());
        return MathF.Max(MathF.Max(q[0], q[1]), MathF.Max(q[2], q[3]));
    }

    /// <summary>
    /// x ← x / (1 + exp(x (cubic x² + linear))) in place, one pass: x · sigmoid(−x (cubic x² + linear)). GELU's
    /// tanh form is cubic = −0.044715 · 2√(2/π), linear = −2√(2/π); SiLU is cubic = 0, linear = −1.
    /// </summary>
    private static void SigmoidGate(Span<float> values, float cubic, float linear)
    {
        int i = 0;
        fixed (float* p = values)
        {
            if (Simd.Wide)
            {
                for (; i <= values.Length - 16; i += 16)
                {
                    var x = Vector512.Load(p + i);
                    var u = x * Vector512.FusedMultiplyAdd(x * x, Vector512.Create(cubic), Vector512.Create(linear));
                    (x / (Vector512<float>.One + Exp(u))).Store(p + i);
                }
            }
            else if (Vector256.IsHardwareAccelerated)
            {
                for (; i <= values.Length - 8; i += 8)
                {
                    var x = Vector256.Load(p + i);
                    var u = x * Vector256.FusedMultiplyAdd(x * x, Vector256.Create(cubic), Vector256.Create(linear));
                    (x / (Vector256<float>.One + Exp(u))).Store(p + i);
                }
            }
            for (; i < values.Length; i++)
            {
                float x = p[i];
                p[i] = x / (1f + MathF.Exp(x * (cubic * x * x + linear)));
            }
        }
    }

    // exp(x) = 2^n · exp(r), n = round(x / ln 2), |r| ≤ ln 2 / 2, exp(r) by Cephes' expf polynomial (≈ 1 ulp);
    // x below −87.3 gives 0 (so −∞ does), above 88.3 is clamped.
    private const float ExpLow = -87.33f;
    private const float ExpHigh = 88.3f;
    private const float Log2E = 1.44269504088896341f;
    private const float Ln2High = 0.693359375f;
    private const float Ln2Low = -2.12194440e-4f;
    private const float RoundingMagic = 12582912f;   // 1.5 · 2^23: adding it rounds to an integer in the low mantissa bits
    private const float P0 = 1.9875691500e-4f, P1 = 1.3981999507e-3f, P2 = 8.3334519073e-3f;
    private const float P3 = 4.1665795894e-2f, P4 = 1.6666665459e-1f, P5 = 5.0000001201e-1f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Exp(Vector512<float> x)
    {
        var tooSmall = Vector512.LessThan(x, Vector512.Create(ExpLow));
        x = Vector512.Min(Vector512.Max(x, Vector512.Create(ExpLow)), Vector512.Create(ExpHigh));
        var t = Vector512.FusedMultiplyAdd(x, Vector512.Create(Log2E), Vector512.Create(RoundingMagic));
        var n = t - Vector512.Create(RoundingMagic);
        var r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2High), x);
        r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2Low), r);
        var y = Vector512.FusedMultiplyAdd(Vector512.Create(P0), r, Vector512.Create(P1));
        y = Vector512.FusedMultiplyAdd(y, r, Vector512.Create(P2));
        y = Vector512.FusedMultiplyAdd(y, r, Vector512.Create(P3));
        y = Vector512.FusedMultiplyAdd(y, r, Vector512.Create(P4));
        y = Vector512.FusedMultiplyAdd(y, r, Vector512.Create(P5));
        y = Vector512.FusedMultiplyAdd(y, r * r, r) + Vector512<float>.One;
        var scale = Vector512.ShiftLeft(t.AsInt32() - Vector512.Create(0x4B400000 - 127), 23).AsSingle();
        return Vector512.AndNot(y * scale, tooSmall);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Exp(Vector256<float> x)
    {
        var tooSmall = Vector256.LessThan(x, Vector256.Create(ExpLow));
        x = Vector256.Min(Vector256.Max(x, Vector256.Create(ExpLow)), Vector256.Create(ExpHigh));
        var t = Vector256.FusedMultiplyAdd(x, Vector256.Create(Log2E), Vector256.Create(RoundingMagic));
        var n = t - Vector256.Create(RoundingMagic);
        var r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2High), x);
        r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2Low), r);
        var y = Vector256.FusedMultiplyAdd(Vector256.Create(P0), r, Vector256.Create(P1));
        y = Vector256.FusedMultiplyAdd(y, r, Vector256.Create(P2));
        y = Vector256.FusedMultiplyAdd(y, r, Vector256.Create(P3));
        y = Vector256.FusedMultiplyAdd(y, r, Vector256.Create(P4));
        y = Vector256.FusedMultiplyAdd(y, r, Vector256.Create(P5));
        y = Vector256.FusedMultiplyAdd(y, r * r, r) + Vector256<float>.One;
        var scale = Vector256.ShiftLeft(t.AsInt32() - Vector256.Create(0x4B400000 - 127), 23).AsSingle();
        return Vector256.AndNot(y * scale, tooSmall);
    }
}
