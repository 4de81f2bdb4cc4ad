/// <summary>The latencies of one run, in milliseconds, and how long it took.</summary>
internal sealed class LoadRun
{
    private static readonly double[] BucketBoundsMs = [0.5, 1, 2, 4, 8, 16, 32, 64, 128, 256];
    private const int BarWidth = 40;

    private readonly double[] _sorted;
    private readonly TimeSpan _wall;
    private readonly double _stolenFraction;

    /// <param name="stolenFraction">The share of the cores' time the hypervisor gave to other machines during the run.</param>
    public LoadRun(double[] latenciesMs, TimeSpan wall, double stolenFraction)
    {
        _sorted = [.. latenciesMs.Order()];
        _wall = wall;
        _stolenFraction = stolenFraction;
    }

    public double Percentile(double fraction) => _sorted[Math.Max(0, (int)Math.Ceiling(fraction * _sorted.Length) - 1)];

    /// <summary>Prints the percentiles and a histogram of the latencies over <paramref name="baselineMs"/> + 0.5, 1, 2, … 256 ms.</summary>
    public void Print(string name, double baselineMs)
    {
        Console.WriteLine();
        Console.WriteLine($"{name}: p50 {Percentile(0.50):F2} ms  p90 {Percentile(0.90):F2} ms  p99 {Percentile(0.99):F2} ms  " +
            $"max {_sorted[^1]:F2} ms  throughput {_sorted.Length / _wall.TotalSeconds:N0} req/s  (CPU stolen by the host: {_stolenFraction:P0})");
        var counts = new int[BucketBoundsMs.Length + 1];
        foreach (var latency in _sorted)
        {
            var bucket = Array.FindIndex(BucketBoundsMs, bound => latency <= baselineMs + bound);
            counts[bucket < 0 ? BucketBoundsMs.Length : bucket]++;
        }

        var first = Array.FindIndex(counts, count => count > 0);
        var last = Array.FindLastIndex(counts, count => count > 0);
        for (var bucket = first; bucket <= last; bucket++)
        {
            var label = bucket < BucketBoundsMs.Length ? $"<= {baselineMs + BucketBoundsMs[bucket],5:0.#} ms" : $" > {baselineMs + BucketBoundsMs[^1],5:0.#} ms";
            var bar = new string('#', (int)Math.Ceiling((double)counts[bucket] * BarWidth / counts.Max()));
            Console.WriteLine($"  {label} | {bar,-BarWidth} {counts[bucket],6:N0}");
        }
    }
}
