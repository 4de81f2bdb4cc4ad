namespace Platform.Batch.Bench;

/// <summary>
/// One measured run: items through the queue, time, and the CPU the services spent on them; how loaded the VM was:
/// <paramref name="Steal"/>, the share of its cores the host gave to other guests meanwhile, and <paramref name="WakeUpMicros"/>,
/// what a thread's wake-up and answer cost just before the run (<see cref="WakeUpProbe"/>).
/// </summary>
internal sealed record RunFigures(string Name, int Jobs, int ItemsPerJob, int Window, TimeSpan Elapsed, CpuUse Cpu, double Steal, double WakeUpMicros,
    int DuplicateCalls, TimeSpan Latency)
{
    public int Items => Jobs * ItemsPerJob;
    public double ItemsPerSecond => Items / Elapsed.TotalSeconds;

    /// <summary>Every job's window full all the time, each slot taking one upstream latency per item.</summary>
    public double Limit => Jobs * Window / Latency.TotalSeconds;

    public void Print() => Console.WriteLine(
        $"{Name,-14} {Items,7:N0} items in {Elapsed.TotalSeconds,6:F2} s: {ItemsPerSecond,7:N0} items/s of a {Limit,7:N0} limit ({100 * ItemsPerSecond / Limit,5:F1} %); " +
        $"duplicate upstream calls {DuplicateCalls}\n  CPU per item: {Cpu.PerItem(Items)}; all {CpuUse.Micros(Cpu.Total, Items)} µs, {Cpu.Total / Elapsed:F2} cores; " +
        $"stolen by the host {100 * Steal:F0} %, wake-up round trip {WakeUpMicros:F0} µs");

    public static void PrintTable(IReadOnlyList<RunFigures> runs, TimeSpan latency)
    {
        Console.WriteLine($"| run | items | window × jobs | limit (items/s) | measured (items/s) | share | CPU/item: Jobs | workers | PostgreSQL | RabbitMQ | all | stolen | wake-up |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var run in runs)
        {
            Console.WriteLine($"| {run.Name} | {run.Items:N0} | {run.Window:N0} × {run.Jobs} | {run.Limit:N0} | {run.ItemsPerSecond:N0} | " +
                $"{100 * run.ItemsPerSecond / run.Limit:F0} % | {CpuUse.Micros(run.Cpu.Jobs, run.Items)} µs | " +
                $"{CpuUse.Micros(run.Cpu.Workers, run.Items)} µs | {CpuUse.Micros(run.Cpu.Postgres, run.Items)} µs | {CpuUse.Micros(run.Cpu.RabbitMq, run.Items)} µs | " +
                $"{CpuUse.Micros(run.Cpu.Total, run.Items)} µs | {100 * run.Steal:F0} % | {run.WakeUpMicros:F0} µs |");
        }

        Console.WriteLine($"(upstream latency {latency.TotalMilliseconds:F0} ms; target: at least 80 % of the limit up to 500 items/s, at least 1,000 items/s at the highest window)");
    }
}
