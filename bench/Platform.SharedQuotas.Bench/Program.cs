// Charges one deployment's shared windows (requests and tokens, as every quota-limited upstream call does) from many
// concurrent callers, as replicas' calls to one deployment would, and prints charges per second and latency.
//   dotnet run -c Release --project bench/Platform.SharedQuotas.Bench [seconds per step, default 5]
// Starts a private PostgreSQL in a temporary directory and removes it afterwards.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.AppHost.Local;
using Platform.Llm.Data;
using Platform.Providers.Quotas.SharedCounts;

var step = TimeSpan.FromSeconds(args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 5);
var scratch = Path.Combine(Path.GetTempPath(), $"shared-quotas-bench-{Guid.NewGuid():N}");
var server = await PostgresServer.StartAsync(scratch, _ => { });
try
{
    var builder = Host.CreateApplicationBuilder();
    builder.Configuration["ConnectionStrings:postgres"] = await server.CreateDatabaseAsync("shared_quotas_bench");
    builder.Logging.ClearProviders();
    builder.AddLlmDatabase();
    builder.AddSharedQuotas();
    using var host = builder.Build();
    await host.Services.MigrateLlmDatabaseAsync();
    var windows = host.Services.GetRequiredService<SharedWindows>();
    WindowCharge[] charges = [new("model:bench", 1), new("model-tokens:bench", 20)];

    Console.WriteLine($"{Environment.ProcessorCount} cores; each step {step.TotalSeconds:F0} s; every charge is one deployment's two windows in one statement");
    foreach (var callers in (int[])[1, 16, 64])
    {
        var latencies = new ConcurrentBag<double>();
        var unanswered = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(async _ =>
        {
            while (clock.Elapsed < step)
            {
                var started = Stopwatch.GetTimestamp();
                if (await windows.TryChargeAsync(charges, CancellationToken.None) is null)
                {
                    Interlocked.Increment(ref unanswered);
                }

                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        var sorted = latencies.Order().ToArray();
        Console.WriteLine($"{callers,3} concurrent callers: {sorted.Length / clock.Elapsed.TotalSeconds,8:N0} charges/s, " +
            $"p50 {sorted[sorted.Length / 2]:F2} ms, p99 {sorted[(int)(sorted.Length * 0.99)]:F2} ms, {unanswered} unanswered (counted locally)");
    }
}
finally
{
    await server.DisposeAsync();
    Directory.Delete(scratch, recursive: true);
}
