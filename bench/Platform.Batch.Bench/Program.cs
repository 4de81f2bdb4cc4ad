// The batch queue against its own limit: jobs submitted to a real Jobs service (seed 000's batch API) run by real
// ProviderWorker processes over real RabbitMQ and PostgreSQL, all Release builds, against an in-process
// OpenAI-compatible upstream that answers after a fixed latency. The limit of a job is its window ÷ that latency.
//   dotnet run -c Release --project bench/Platform.Batch.Bench [upstream ms, default 50] [scale, default 1.0]
// Prints items/s against the limit for windows 10, 100 and 1,000 (two workers), for 1, 2 and 4 worker replicas at
// window 1,000, and for 10 jobs at once; CPU per item of Jobs, the workers, PostgreSQL, RabbitMQ and this process (the
// upstream and the polling client); and how long a 10-item job submitted behind a large one waits. Every item of every
// job is checked: answered once, by the upstream once. A run lasts from its first job's created_at to its last job's
// completed_at, as the jobs' own record says; the upstream holds each call for the latency to within half a millisecond.
using System.Globalization;
using Platform.Batch.Bench;
using Platform.Testing.Upstreams;

var latency = TimeSpan.FromMilliseconds(args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50);
var scale = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 1.0;
Console.WriteLine($"load average at start: {MachineLoad.Average()}  ({Environment.ProcessorCount} cores); upstream latency {latency.TotalMilliseconds:F0} ms");

await using var upstream = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);
upstream.Latency = latency;
await using var platform = await BenchPlatform.StartAsync(upstream);
var runs = new List<RunFigures>();

int Items(int count) => Math.Max(100, (int)(count * scale));

Console.WriteLine("\n== one job, two worker replicas, by window ==");
await platform.ScaleWorkersAsync(2);
Console.WriteLine($"idle: {(await platform.IdleCpuAsync(TimeSpan.FromSeconds(5))).PerSecond()}");
await WarmUpAsync(TimeSpan.FromSeconds(60));
foreach (var (window, items) in new[] { (10, 1_000), (100, 4_000), (1_000, 10_000) })
{
    runs.Add(await platform.RunJobsAsync($"window {window}", 1, Items(items), window));
}

Console.WriteLine("\n== one job, window 1,000, by worker replicas ==");
foreach (var replicas in new[] { 1, 2, 4 })
{
    await platform.ScaleWorkersAsync(replicas);
    // A replica just started runs its first seconds on unoptimized code: measure replicas as they run once warm.
    await WarmUpAsync(TimeSpan.FromSeconds(10));
    runs.Add(await platform.RunJobsAsync($"{replicas} worker(s)", 1, Items(10_000), 1_000));
}

Console.WriteLine("\n== ten jobs at once, window 100 each, two workers ==");
await platform.ScaleWorkersAsync(2);
runs.Add(await platform.RunJobsAsync("10 jobs", 10, Items(1_000), 100));

Console.WriteLine("\n== fairness: a 10-item job submitted one second after a 10,000-item job (window 1,000) ==");
await platform.FairnessAsync(Items(10_000));

Console.WriteLine();
RunFigures.PrintTable(runs, latency);
Console.WriteLine($"load average at end: {MachineLoad.Average()}");

// The tiered JIT recompiles the hot paths of EF Core, MassTransit and Npgsql for many seconds of load; measure after it.
// A small window takes other paths than a large one (a lone result, a read that waits for its bytes), so both are warmed:
// warmed at window 500 alone for 30 s, Jobs still compiled 925 methods at tier 1 during the first window-10 run.
async Task WarmUpAsync(TimeSpan load)
{
    for (var warmUp = System.Diagnostics.Stopwatch.StartNew(); warmUp.Elapsed < load;)
    {
        await platform.RunJobsAsync("warm-up", 1, Items(3_000), window: 500, print: false);
        await platform.RunJobsAsync("warm-up", 1, Items(200), window: 10, print: false);
    }

    await platform.SettleAsync(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(90));
}
