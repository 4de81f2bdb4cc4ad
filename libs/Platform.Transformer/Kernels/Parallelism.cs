namespace Platform.Transformer.Kernels;

/// <summary>
/// Splits loops across cores only when the work is worth it: handing work to another core costs a few
/// microseconds when the <see cref="WorkerGang"/> is awake and tens when a thread must be woken (far more on a
/// busy machine), so small loops run on the calling thread. Loops run on the gang, or on the thread pool when
/// another forward pass holds it. Costs are rough estimates in nanoseconds.
/// </summary>
internal static class Parallelism
{
    // 50 µs: measured against 200 µs, 3-4 % faster at T = 1 and 128 (the last small products split too), same at T = 16.
    private const long MinimumParallelCost = 50_000;

    /// <summary>Runs body(i) for i in [0, count), each item on any core.</summary>
    public static void For(int count, long costPerItem, Action<int> body)
    {
        if (count * costPerItem < MinimumParallelCost || Environment.ProcessorCount == 1)
        {
            for (int i = 0; i < count; i++) body(i);
            return;
        }
        if (!WorkerGang.Shared.TryRun(count, body)) Parallel.For(0, count, body);
    }

    /// <summary>Runs body(first, end) over contiguous ranges covering [0, count), a few ranges per core.</summary>
    public static void ForRanges(int count, long costPerItem, Action<int, int> body)
    {
        int ranges = (int)Math.Clamp(count * costPerItem / MinimumParallelCost, 1, Math.Min(count, Environment.ProcessorCount * 4));
        if (ranges == 1)
        {
            body(0, count);
            return;
        }
        Action<int> run = range => body((int)((long)count * range / ranges), (int)((long)count * (range + 1) / ranges));
        if (!WorkerGang.Shared.TryRun(ranges, run)) Parallel.For(0, ranges, run);
    }
}
