namespace Platform.Transformer.Kernels;

/// <summary>
/// Splits loops across cores only when the work is worth it: handing work to another core costs a few
/// microseconds when the <see cref="WorkerGang"/> is awake and tens when a thread must be woken (far more on a
/// busy machine), so small loops run on the calling thread. Loops run on the gang of the forward pass in hand
/// (see <see cref="Use"/>), or on the thread pool without one or when another forward pass holds it. Costs are
/// rough estimates in nanoseconds.
/// </summary>
internal static class Parallelism
{
    // 50 µs: measured against 200 µs, 3-4 % faster at T = 1 and 128 (the last small products split too), same at T = 16.
    private const long MinimumParallelCost = 50_000;

    /// <summary>The gang of the forward pass running on this thread: a pass runs on one thread from start to end.</summary>
    [ThreadStatic] private static WorkerGang? _gang;

    /// <summary>Runs this thread's loops on <paramref name="gang"/> until the returned scope is disposed.</summary>
    public static GangScope Use(WorkerGang? gang)
    {
        var previous = _gang;
        _gang = gang;
        return new GangScope(previous);
    }

    internal static void Restore(WorkerGang? previous) => _gang = previous;

    /// <summary>Runs body(i) for i in [0, count), each item on any core.</summary>
    public static void For(int count, long costPerItem, Action<int> body)
    {
        if (count * costPerItem < MinimumParallelCost || Environment.ProcessorCount == 1)
        {
            for (int i = 0; i < count; i++) body(i);
            return;
        }
        if (_gang?.TryRun(count, body) != true) Parallel.For(0, count, body);
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
        if (_gang?.TryRun(ranges, run) != true) Parallel.For(0, ranges, run);
    }
}

