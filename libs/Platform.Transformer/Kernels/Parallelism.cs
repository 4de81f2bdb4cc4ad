namespace Platform.Transformer.Kernels;

/// <summary>
/// Splits loops across cores only when the work is worth it: waking another core costs tens of microseconds
/// (far more on a busy machine), so small loops, common when decoding one token, run on the calling thread.
/// Loops run on the <see cref="WorkerGang"/>, or on the thread pool when another forward pass holds it.
/// Costs are rough estimates in nanoseconds.
/// </summary>
internal static class Parallelism
{
    private const long MinimumParallelCost = 200_000;

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
