using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

/// <summary>
/// What the cores and memory deliver right now, measured before and after the forward passes. On a shared host
/// both fall when its other guests are busy (here: memory from 20 to 4-15 GB/s, a core's FMAs from 150 to 90
/// GFLOP/s) even with nothing stolen, and the forward passes slow with them: these lines say which figures to trust.
/// </summary>
internal static unsafe class HostProbe
{
    private const int FloatsPerThread = 16 << 20;   // 64 MB per core: well past the L3

    /// <summary>Where results go so that the JIT cannot drop the loops computing them.</summary>
    private static float _sink;

    public static string Describe()
    {
        int cores = Environment.ProcessorCount;
        string fma = Avx512F.IsSupported ? $", 512-bit FMA {FmaRate(cores):F0} GFLOP/s" : "";
        return $"host probe ({cores} cores): memory read {ReadBandwidth(cores):F1} GB/s{fma}";
    }

    /// <summary>Best of three passes in which every core sums its own array with vector loads and prefetch.</summary>
    private static double ReadBandwidth(int cores)
    {
        // Native memory, unmapped when freed, so the probe never shows in the forward passes' peak memory.
        var arrays = Enumerable.Range(0, cores).Select(_ => (nint)NativeMemory.Alloc(FloatsPerThread, sizeof(float))).ToArray();
        try
        {
            foreach (var array in arrays) new Span<float>((float*)array, FloatsPerThread).Fill(1f);
            double best = 0;
            for (int pass = 0; pass < 3; pass++)
            {
                var stopwatch = Stopwatch.StartNew();
                Parallel.For(0, cores, new ParallelOptions { MaxDegreeOfParallelism = cores }, core => _sink += Sum((float*)arrays[core]));
                best = Math.Max(best, (double)cores * FloatsPerThread * sizeof(float) / stopwatch.Elapsed.TotalSeconds / 1e9);
            }
            return best;
        }
        finally
        {
            foreach (var array in arrays) NativeMemory.Free((void*)array);
        }
    }

    private static float Sum(float* start)
    {
        var total = Vector256<float>.Zero;
        for (float* p = start; p < start + FloatsPerThread; p += 32)
        {
            Sse.Prefetch0(p + 512);
            total += Vector256.Load(p) + Vector256.Load(p + 8) + Vector256.Load(p + 16) + Vector256.Load(p + 24);
        }
        return Vector256.Sum(total);
    }

    /// <summary>Every core runs independent 512-bit fused multiply-add chains (the GEMM kernels' instruction) for 0.2 s.</summary>
    private static double FmaRate(int cores)
    {
        var rates = new double[cores];
        Parallel.For(0, cores, new ParallelOptions { MaxDegreeOfParallelism = cores }, core => rates[core] = Fma512());
        return rates.Sum();
    }

    /// <summary>One core's rate over 20 million iterations of ten chains (4-cycle latency on two units needs eight).</summary>
    private static double Fma512()
    {
        const long iterations = 20_000_000;
        var stopwatch = Stopwatch.StartNew();
        _sink += FmaChains(iterations);
        return iterations * 10 * 2 * Vector512<float>.Count / stopwatch.Elapsed.TotalSeconds / 1e9;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float FmaChains(long iterations)
    {
        var (multiplier, addend) = (Vector512.Create(0.999999f), Vector512.Create(1e-7f));
        // Distinct starting values, or the JIT would compute equal chains once.
        var (c0, c1, c2, c3, c4) = (Vector512.Create(1.0f), Vector512.Create(1.1f), Vector512.Create(1.2f), Vector512.Create(1.3f), Vector512.Create(1.4f));
        var (c5, c6, c7, c8, c9) = (Vector512.Create(1.5f), Vector512.Create(1.6f), Vector512.Create(1.7f), Vector512.Create(1.8f), Vector512.Create(1.9f));
        for (long i = 0; i < iterations; i++)
        {
            c0 = Vector512.FusedMultiplyAdd(c0, multiplier, addend); c1 = Vector512.FusedMultiplyAdd(c1, multiplier, addend);
            c2 = Vector512.FusedMultiplyAdd(c2, multiplier, addend); c3 = Vector512.FusedMultiplyAdd(c3, multiplier, addend);
            c4 = Vector512.FusedMultiplyAdd(c4, multiplier, addend); c5 = Vector512.FusedMultiplyAdd(c5, multiplier, addend);
            c6 = Vector512.FusedMultiplyAdd(c6, multiplier, addend); c7 = Vector512.FusedMultiplyAdd(c7, multiplier, addend);
            c8 = Vector512.FusedMultiplyAdd(c8, multiplier, addend); c9 = Vector512.FusedMultiplyAdd(c9, multiplier, addend);
        }
        return (c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9).ToScalar();
    }
}
