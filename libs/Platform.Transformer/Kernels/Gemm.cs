using System.Buffers;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Platform.Transformer.Kernels;

/// <summary>
/// Single-precision GEMM, C (M × N) = A (M × K, row-major) · B (K × N, <see cref="PackedMatrix"/>), blocked
/// as in BLIS: A is packed (on all cores) into MR-row micro-panels, K is walked in KC chunks so a B micro-panel
/// and an MC-row block of A stay in L2, and an MR × NR register-tile micro-kernel does the FMAs (AVX-512 12 × 32
/// when present, else Vector256 6 × 16; smaller row counts for the last rows). Parallel calls split the N
/// panels across all cores. With few rows B is streamed from memory once. The first tile on a B micro-panel prefetches it ahead.
/// </summary>
internal static unsafe class Gemm
{
    /// <summary>Rows of the register tile.</summary>
    public static readonly int MR = Simd.Wide ? 12 : 6;

    /// <summary>Columns of the register tile: the width of a <see cref="PackedMatrix"/> panel.</summary>
    public static readonly int NR = Simd.Wide ? 32 : 16;

    // Measured on a 1 MB-L2 AVX-512 core (one-core GFLOP/s ~70 → ~80 against KC 256 / 8 micro-panels): a K
    // chunk as long as the model width lets C stay in registers across all of K = 768, and 12 micro-panels of
    // 768 (432 KB) keep the A block in L2 next to the current B micro-panel (96 KB).
    private const int KC = 768;
    private const int MicroPanelsPerBlock = 12;
    private const int SmallBatchRows = 2;

    /// <summary>How far ahead (floats of B, 16 k steps) the kernels prefetch B from memory.</summary>
    private const int PrefetchDistance = 512;

    /// <summary>
    /// C[i, j] = (accumulate ? C[i, j] : 0) + bias[j] + Σ_{kk &lt; k} A[i, kk] B[kk, j] for i &lt; m, j &lt; n.
    /// Only the first <paramref name="k"/> rows and <paramref name="n"/> columns of B are used.
    /// </summary>
    public static void Multiply(
        ReadOnlySpan<float> a, int lda, int m, int k,
        PackedMatrix b, int n,
        Span<float> c, int ldc,
        ReadOnlySpan<float> bias = default, bool accumulate = false, bool parallel = true)
    {
        if (m == 0 || n == 0) return;
        ThrowIfOutOfBounds(a, lda, m, k, b, n, c, ldc, bias);
        if (!bias.IsEmpty) ApplyBias(c, ldc, m, n, bias, accumulate);
        bool loadC = accumulate || !bias.IsEmpty;

        // A single row (decoding) is read in place; more rows are packed for the tile kernels.
        int microPanels = (m + MR - 1) / MR;
        var packedA = m == 1 ? null : ArrayPool<float>.Shared.Rent(checked(microPanels * MR * k));
        try
        {
            if (packedA is not null)
            {
                fixed (float* source = a, destination = packedA)
                {
                    var (from, to) = ((nint)source, (nint)destination);
                    Parallelism.ForRanges(microPanels, parallel ? (long)MR * k : 0, (first, end) => PackA((float*)from, lda, m, k, (float*)to, first, end));
                }
            }
            int panels = (n + NR - 1) / NR;
            fixed (float* pa = packedA is null ? a : packedA, pc = c)
            fixed (float* pb = b.Data)
            {
                var job = new Job(pa, pb, pc, m, n, k, b.Rows, ldc, loadC);
                if (parallel)
                {
                    int chunk = Math.Max(1, panels / (Environment.ProcessorCount * 4));
                    int chunks = (panels + chunk - 1) / chunk;
                    // ~16 multiply-adds per ns, plus streaming B from memory (worth a few rows when m is small).
                    long cost = (m + 4L) * n * k / 16;
                    Parallelism.For(chunks, cost / chunks, i => job.Run(i * chunk, Math.Min(panels, (i + 1) * chunk)));
                }
                else
                {
                    job.Run(0, panels);
                }
            }
        }
        finally
        {
            if (packedA is not null) ArrayPool<float>.Shared.Return(packedA);
        }
    }

    /// <summary>
    /// The kernels read and write through raw pointers, so every element they may touch is checked to lie inside
    /// its span first (in <c>long</c>: a row stride times a row count can exceed <c>int</c>).
    /// </summary>
    private static void ThrowIfOutOfBounds(ReadOnlySpan<float> a, int lda, int m, int k, PackedMatrix b, int n, Span<float> c, int ldc, ReadOnlySpan<float> bias)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (k > b.Rows || n > b.Columns) throw new ArgumentOutOfRangeException(nameof(b), $"B is {b.Rows} × {b.Columns}; the product needs {k} × {n}");
        if (lda < k || (long)(m - 1) * lda + k > a.Length)
            throw new ArgumentOutOfRangeException(nameof(a), $"A holds {a.Length} floats; {m} rows of {k} with stride {lda} need {(long)(m - 1) * lda + k}");
        if (ldc < n || (long)(m - 1) * ldc + n > c.Length)
            throw new ArgumentOutOfRangeException(nameof(c), $"C holds {c.Length} floats; {m} rows of {n} with stride {ldc} need {(long)(m - 1) * ldc + n}");
        if (!bias.IsEmpty && bias.Length < n) throw new ArgumentOutOfRangeException(nameof(bias), $"bias holds {bias.Length} floats; the product needs {n}");
    }

    private static void ApplyBias(Span<float> c, int ldc, int m, int n, ReadOnlySpan<float> bias, bool accumulate)
    {
        for (int i = 0; i < m; i++)
        {
            var row = c.Slice(i * ldc, n);
            if (accumulate) TensorPrimitives.Add(row, bias[..n], row);
            else bias[..n].CopyTo(row);
        }
    }

    /// <summary>
    /// Packs micro-panels [firstPanel, endPanel) of A, MR rows each, k-major: element (i, kk) at [i / MR][kk][i % MR];
    /// pad rows are 0.
    /// </summary>
    private static void PackA(float* source, int lda, int m, int k, float* destination, int firstPanel, int endPanel)
    {
        int mr = MR;
        for (int panel = firstPanel; panel < endPanel; panel++)
        {
            float* panelStart = destination + (long)panel * mr * k;
            int rows = Math.Min(mr, m - panel * mr);
            if (rows < mr) new Span<float>(panelStart, mr * k).Clear();
            int r = 0;
            if (Sse.IsSupported)
            {
                for (; r + 4 <= rows; r += 4) PackFourRows(source + (long)(panel * mr + r) * lda, lda, k, panelStart + r, mr);
            }
            for (; r < rows; r++)
            {
                float* from = source + (long)(panel * mr + r) * lda;
                float* to = panelStart + r;
                for (int kk = 0; kk < k; kk++, to += mr) *to = from[kk];
            }
        }
    }

    /// <summary>
    /// Four rows of A into a micro-panel, four k at a time: a 4 × 4 transpose in registers turns four row runs into
    /// four k-major runs (about four times faster than moving one value at a time).
    /// </summary>
    private static void PackFourRows(float* from, int lda, int k, float* to, int mr)
    {
        int kk = 0;
        for (; kk + 4 <= k; kk += 4, to += 4 * mr)
        {
            var row0 = Sse.LoadVector128(from + kk);
            var row1 = Sse.LoadVector128(from + lda + kk);
            var row2 = Sse.LoadVector128(from + 2 * lda + kk);
            var row3 = Sse.LoadVector128(from + 3 * lda + kk);
            var low01 = Sse.UnpackLow(row0, row1);    // r0[0] r1[0] r0[1] r1[1]
            var low23 = Sse.UnpackLow(row2, row3);
            var high01 = Sse.UnpackHigh(row0, row1);  // r0[2] r1[2] r0[3] r1[3]
            var high23 = Sse.UnpackHigh(row2, row3);
            Sse.Store(to, Sse.MoveLowToHigh(low01, low23));             // column kk: r0 r1 r2 r3
            Sse.Store(to + mr, Sse.MoveHighToLow(low23, low01));        // column kk + 1
            Sse.Store(to + 2 * mr, Sse.MoveLowToHigh(high01, high23));  // column kk + 2
            Sse.Store(to + 3 * mr, Sse.MoveHighToLow(high23, high01));  // column kk + 3
        }
        for (; kk < k; kk++, to += mr)
            for (int r = 0; r < 4; r++) to[r] = from[r * lda + kk];
    }

    /// <summary>One GEMM call's operands as raw pointers (the spans are pinned by the caller for the whole call).</summary>
    private readonly struct Job(float* a, float* b, float* c, int m, int n, int k, int bRows, int ldc, bool loadC)
    {
        /// <summary>Computes the columns of panels [firstPanel, endPanel) for all rows.</summary>
        public void Run(int firstPanel, int endPanel)
        {
            int microPanels = (m + MR - 1) / MR;
            float* scratch = stackalloc float[12 * 32];
            // Few rows: B is streamed once from memory, so walk each panel over all of K (one sequential read
            // through the weights). More rows: K chunks keep B's micro-panel and the A block in L2.
            bool streaming = m <= SmallBatchRows * MR;
            int kBlock = streaming ? k : KC;
            for (int k0 = 0; k0 < k; k0 += kBlock)
            {
                int kc = Math.Min(kBlock, k - k0);
                bool load = loadC || k0 > 0;
                for (int block = 0; block < microPanels; block += MicroPanelsPerBlock)
                {
                    int blockEnd = Math.Min(microPanels, block + MicroPanelsPerBlock);
                    for (int panel = firstPanel; panel < endPanel; panel++)
                    {
                        float* bPanel = b + ((long)panel * bRows + k0) * NR;
                        int column = panel * NR;
                        int columns = Math.Min(NR, n - column);
                        for (int micro = block; micro < blockEnd; micro++)
                        {
                            // A single row is read in place (stride 1); more rows come packed in micro-panels (stride MR).
                            float* aPanel = m == 1 ? a + k0 : a + ((long)micro * k + k0) * MR;
                            int row = micro * MR;
                            // The first row tile of a block brings the B micro-panel from memory (or L3), prefetching it;
                            // later ones find it in L2. (Measured with 128 rows: 3-4 % faster than the hardware prefetcher alone.)
                            bool prefetch = micro == block;
                            Tile(aPanel, m == 1 ? 1 : MR, bPanel, kc, c + (long)row * ldc + column, ldc, Math.Min(MR, m - row), columns, load, prefetch, scratch);
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// One rows × columns tile of C with the smallest register kernel covering the rows (12, 8, 4 or 1 with
    /// AVX-512; 6, 4 or 1 with AVX2), so typical row counts need no padding. A tile the kernel does not fit
    /// exactly is computed in <paramref name="scratch"/> and its valid part copied back.
    /// </summary>
    private static void Tile(float* a, int aStride, float* b, int kc, float* c, int ldc, int rows, int columns, bool load, bool prefetch, float* scratch)
    {
        int kernelRows = rows == 1 ? 1 : rows <= 4 ? 4 : Simd.Wide && rows <= 8 ? 8 : MR;
        if (rows == kernelRows && columns == NR)
        {
            Kernel(kernelRows, a, aStride, b, kc, c, ldc, load, prefetch);
            return;
        }
        if (load) CopyTile(c, ldc, scratch, NR, rows, columns);
        Kernel(kernelRows, a, aStride, b, kc, scratch, NR, load, prefetch);
        CopyTile(scratch, NR, c, ldc, rows, columns);
    }

    private static void Kernel(int rows, float* a, int aStride, float* b, int kc, float* c, int ldc, bool load, bool prefetch)
    {
        // A run-time flag tested inside the k loop costs the kernel about a fifth of its speed; a type argument is free.
        if (prefetch) Kernel<PrefetchB>(rows, a, aStride, b, kc, c, ldc, load);
        else Kernel<NoPrefetch>(rows, a, aStride, b, kc, c, ldc, load);
    }

    private static void Kernel<TPrefetch>(int rows, float* a, int aStride, float* b, int kc, float* c, int ldc, bool load) where TPrefetch : IFlag
    {
        switch (rows)
        {
            case 1 when Simd.Wide: Kernel512<Rows1, TPrefetch>(a, aStride, b, kc, c, ldc, load); break;
            case 4 when Simd.Wide: Kernel512<Rows4, TPrefetch>(a, aStride, b, kc, c, ldc, load); break;
            case 8: Kernel512<Rows8, TPrefetch>(a, aStride, b, kc, c, ldc, load); break;
            case 12: Kernel512<Rows12, TPrefetch>(a, aStride, b, kc, c, ldc, load); break;
            case 1: Kernel256<Rows1>(a, aStride, b, kc, c, ldc, load); break;
            case 4: Kernel256<Rows4>(a, aStride, b, kc, c, ldc, load); break;
            default: Kernel256<Rows6>(a, aStride, b, kc, c, ldc, load); break;
        }
    }

    private static void CopyTile(float* source, int sourceStride, float* destination, int destinationStride, int rows, int columns)
    {
        for (int r = 0; r < rows; r++)
            new ReadOnlySpan<float>(source + r * sourceStride, columns).CopyTo(new Span<float>(destination + r * destinationStride, columns));
    }

    /// <summary>Row count of a kernel instantiation; the JIT folds it to a constant and drops the unused rows.</summary>
    private interface IRowCount
    {
        static abstract int Value { get; }
    }

    private readonly struct Rows1 : IRowCount { public static int Value => 1; }

    private readonly struct Rows4 : IRowCount { public static int Value => 4; }

    private readonly struct Rows6 : IRowCount { public static int Value => 6; }

    private readonly struct Rows8 : IRowCount { public static int Value => 8; }

    private readonly struct Rows12 : IRowCount { public static int Value => 12; }

    /// <summary>A compile-time switch of a kernel instantiation, folded like <see cref="IRowCount"/>.</summary>
    private interface IFlag
    {
        static abstract bool Value { get; }
    }

    /// <summary>The kernel prefetches B ahead (B streamed from memory).</summary>
    private readonly struct PrefetchB : IFlag { public static bool Value => true; }

    private readonly struct NoPrefetch : IFlag { public static bool Value => false; }

    /// <summary>
    /// Up to 12 rows × 32 columns in 24 zmm accumulators; per k: two B vectors, one broadcast of A per row and
    /// two FMAs per row. A row i of the tile is A[i·aStride + k·aStride...]: packed micro-panel or a single row.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel512<TRows, TPrefetch>(float* a, int aStride, float* b, int kc, float* c, int ldc, bool load)
        where TRows : IRowCount where TPrefetch : IFlag
    {
        int rows = TRows.Value;
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector512<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        Vector512<float> c60 = default, c61 = default, c70 = default, c71 = default, c80 = default, c81 = default;
        Vector512<float> c90 = default, c91 = default, ca0 = default, ca1 = default, cb0 = default, cb1 = default;
        if (load)
        {
            Load(c, out c00, out c01);
            if (rows > 1) { Load(c + ldc, out c10, out c11); Load(c + 2 * ldc, out c20, out c21); Load(c + 3 * ldc, out c30, out c31); }
            if (rows > 4) { Load(c + 4 * ldc, out c40, out c41); Load(c + 5 * ldc, out c50, out c51); Load(c + 6 * ldc, out c60, out c61); Load(c + 7 * ldc, out c70, out c71); }
            if (rows > 8) { Load(c + 8 * ldc, out c80, out c81); Load(c + 9 * ldc, out c90, out c91); Load(c + 10 * ldc, out ca0, out ca1); Load(c + 11 * ldc, out cb0, out cb1); }
        }
        for (int kk = 0; kk < kc; kk++)
        {
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + 16);
            Vector512<float> x;
            x = Vector512.Create(a[0]); c00 = Vector512.FusedMultiplyAdd(x, b0, c00); c01 = Vector512.FusedMultiplyAdd(x, b1, c01);
            if (rows > 1)
            {
                x = Vector512.Create(a[1]); c10 = Vector512.FusedMultiplyAdd(x, b0, c10); c11 = Vector512.FusedMultiplyAdd(x, b1, c11);
                x = Vector512.Create(a[2]); c20 = Vector512.FusedMultiplyAdd(x, b0, c20); c21 = Vector512.FusedMultiplyAdd(x, b1, c21);
                x = Vector512.Create(a[3]); c30 = Vector512.FusedMultiplyAdd(x, b0, c30); c31 = Vector512.FusedMultiplyAdd(x, b1, c31);
            }
            if (rows > 4)
            {
                x = Vector512.Create(a[4]); c40 = Vector512.FusedMultiplyAdd(x, b0, c40); c41 = Vector512.FusedMultiplyAdd(x, b1, c41);
                x = Vector512.Create(a[5]); c50 = Vector512.FusedMultiplyAdd(x, b0, c50); c51 = Vector512.FusedMultiplyAdd(x, b1, c51);
                x = Vector512.Create(a[6]); c60 = Vector512.FusedMultiplyAdd(x, b0, c60); c61 = Vector512.FusedMultiplyAdd(x, b1, c61);
                x = Vector512.Create(a[7]); c70 = Vector512.FusedMultiplyAdd(x, b0, c70); c71 = Vector512.FusedMultiplyAdd(x, b1, c71);
            }
            if (rows > 8)
            {
                x = Vector512.Create(a[8]); c80 = Vector512.FusedMultiplyAdd(x, b0, c80); c81 = Vector512.FusedMultiplyAdd(x, b1, c81);
                x = Vector512.Create(a[9]); c90 = Vector512.FusedMultiplyAdd(x, b0, c90); c91 = Vector512.FusedMultiplyAdd(x, b1, c91);
                x = Vector512.Create(a[10]); ca0 = Vector512.FusedMultiplyAdd(x, b0, ca0); ca1 = Vector512.FusedMultiplyAdd(x, b1, ca1);
                x = Vector512.Create(a[11]); cb0 = Vector512.FusedMultiplyAdd(x, b0, cb0); cb1 = Vector512.FusedMultiplyAdd(x, b1, cb1);
            }
            if (TPrefetch.Value)
            {
                Sse.Prefetch0(b + PrefetchDistance);
                Sse.Prefetch0(b + PrefetchDistance + 16);
            }
            a += aStride;
            b += 32;
        }
        Store(c, c00, c01);
        if (rows > 1) { Store(c + ldc, c10, c11); Store(c + 2 * ldc, c20, c21); Store(c + 3 * ldc, c30, c31); }
        if (rows > 4) { Store(c + 4 * ldc, c40, c41); Store(c + 5 * ldc, c50, c51); Store(c + 6 * ldc, c60, c61); Store(c + 7 * ldc, c70, c71); }
        if (rows > 8) { Store(c + 8 * ldc, c80, c81); Store(c + 9 * ldc, c90, c91); Store(c + 10 * ldc, ca0, ca1); Store(c + 11 * ldc, cb0, cb1); }
    }

    /// <summary>Up to 6 rows × 16 columns in 12 ymm accumulators (AVX2 has 16 registers); as <see cref="Kernel512{TRows, TPrefetch}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel256<TRows>(float* a, int aStride, float* b, int kc, float* c, int ldc, bool load) where TRows : IRowCount
    {
        int rows = TRows.Value;
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        if (load)
        {
            Load(c, out c00, out c01);
            if (rows > 1) { Load(c + ldc, out c10, out c11); Load(c + 2 * ldc, out c20, out c21); Load(c + 3 * ldc, out c30, out c31); }
            if (rows > 4) { Load(c + 4 * ldc, out c40, out c41); Load(c + 5 * ldc, out c50, out c51); }
        }
        for (int kk = 0; kk < kc; kk++)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + 8);
            Vector256<float> x;
            x = Vector256.Create(a[0]); c00 = Vector256.MultiplyAddEstimate(x, b0, c00); c01 = Vector256.MultiplyAddEstimate(x, b1, c01);
            if (rows > 1)
            {
                x = Vector256.Create(a[1]); c10 = Vector256.MultiplyAddEstimate(x, b0, c10); c11 = Vector256.MultiplyAddEstimate(x, b1, c11);
                x = Vector256.Create(a[2]); c20 = Vector256.MultiplyAddEstimate(x, b0, c20); c21 = Vector256.MultiplyAddEstimate(x, b1, c21);
                x = Vector256.Create(a[3]); c30 = Vector256.MultiplyAddEstimate(x, b0, c30); c31 = Vector256.MultiplyAddEstimate(x, b1, c31);
            }
            if (rows > 4)
            {
                x = Vector256.Create(a[4]); c40 = Vector256.MultiplyAddEstimate(x, b0, c40); c41 = Vector256.MultiplyAddEstimate(x, b1, c41);
                x = Vector256.Create(a[5]); c50 = Vector256.MultiplyAddEstimate(x, b0, c50); c51 = Vector256.MultiplyAddEstimate(x, b1, c51);
            }
            a += aStride;
            b += 16;
        }
        Store(c, c00, c01);
        if (rows > 1) { Store(c + ldc, c10, c11); Store(c + 2 * ldc, c20, c21); Store(c + 3 * ldc, c30, c31); }
        if (rows > 4) { Store(c + 4 * ldc, c40, c41); Store(c + 5 * ldc, c50, c51); }
    }
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Load(float* row, out Vector512<float> left, out Vector512<float> right)
    {
        left = Vector512.Load(row);
        right = Vector512.Load(row + 16);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* row, Vector512<float> left, Vector512<float> right)
    {
        left.Store(row);
        right.Store(row + 16);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Load(float* row, out Vector256<float> left, out Vector256<float> right)
    {
        left = Vector256.Load(row);
        right = Vector256.Load(row + 8);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* row, Vector256<float> left, Vector256<float> right)
    {
        left.Store(row);
        right.Store(row + 8);
    }
}
