using System.Runtime.Intrinsics.X86;

namespace Platform.Transformer.Kernels;

/// <summary>Which vector width the kernels use.</summary>
internal static class Simd
{
    /// <summary>
    /// 512-bit vectors whenever the CPU has AVX-512. Vector512.IsHardwareAccelerated is false on cores that lower
    /// their clock for 512-bit code (Skylake-X, Cascade Lake), but the GEMM, softmax and GELU loops still run
    /// several times faster with them there.
    /// </summary>
    public static readonly bool Wide = Avx512F.IsSupported;
}
