// Loads usage records into a scratch PostgreSQL through the same COPY + rollup path the services use,
// then times the stats queries behind /stats/usage and /stats/performance.
//   dotnet run -c Release --project bench/Platform.Accounting.Bench [rows, default 2000000]
// Uses ConnectionStrings__postgres when set (records are added to that database), otherwise starts
// a private PostgreSQL in a temporary directory and removes it afterwards.
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Platform.AppHost.Local;
using Platform.Providers;
using Platform.Providers.Accounting;
using Platform.Llm.Data;
using Platform.Providers.Routing;

var rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2_000_000;
var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__postgres");
var scratch = Path.Combine(Path.GetTempPath(), $"accounting-bench-{Guid.NewGuid():N}");
PostgresServer? server = null;
if (connectionString is null)
{
    server = await PostgresServer.StartAsync(scratch, _ => { });
    connectionString = await server.CreateDatabaseAsync("accounting_bench");
}

try
{
    var builder = Host.CreateApplicationBuilder();
    builder.Configuration["ConnectionStrings:postgres"] = connectionString;
    builder.Logging.ClearProviders();
    builder.AddLlmDatabase();
    builder.AddUsageAccounting();
    using var host = builder.Build();
    await host.Services.MigrateLlmDatabaseAsync();
    var store = host.Services.GetRequiredService<UsageStore>();
    var statistics = host.Services.GetRequiredService<UsageStatistics>();

    var now = DateTimeOffset.UtcNow;
    string[] models = ["gpt-4o", "gpt-4o-mini", "glm-4", "glm-4-flash", "ernie-4.0", "hunyuan-pro", "claude-3-5-sonnet", "llama3"];
    var random = new Random(42);
    const int batchSize = 10_000;
    var loading = Stopwatch.StartNew();
    for (var written = 0; written < rows; written += batchSize)
    {
        var batch = Enumerable.Range(0, Math.Min(batchSize, rows - written)).Select(_ => Record()).ToList();
        await store.WriteAsync(batch, CancellationToken.None);
    }

    Console.WriteLine($"loaded {rows:N0} usage records over 30 days in {loading.Elapsed.TotalSeconds:F1} s ({rows / loading.Elapsed.TotalSeconds:N0} records/s, COPY + hourly rollup in batches of {batchSize:N0})");
    await using (var connection = new NpgsqlConnection(connectionString))
    {
        await connection.OpenAsync();
        foreach (var table in (string[])["llm.usage_records", "llm.usage_hourly"])
        {
            await new NpgsqlCommand($"VACUUM ANALYZE {table}", connection).ExecuteNonQueryAsync();
        }
    }

    var thisMonth = now.AddDays(-30);
    await TimeAsync("/stats/usage, 30 days, all models (rollup)", () => statistics.UsageByModelAsync(thisMonth, now, null, CancellationToken.None));
    await TimeAsync("/stats/usage, 30 days, one model (rollup)", () => statistics.UsageByModelAsync(thisMonth, now, "glm-4", CancellationToken.None));
    await TimeAsync("/stats/usage, one day, all models (rollup)", () => statistics.UsageByModelAsync(now.AddDays(-1), now, null, CancellationToken.None));
    await TimeAsync("/stats/performance, last 60 min", () => statistics.PerformanceAsync(now, TimeSpan.FromHours(1), null, CancellationToken.None));
    await TimeAsync("/stats/performance, last 60 min, one model", () => statistics.PerformanceAsync(now, TimeSpan.FromHours(1), "glm-4", CancellationToken.None));
    await TimeAsync("/stats/performance, last 24 h", () => statistics.PerformanceAsync(now, TimeSpan.FromHours(24), null, CancellationToken.None));
    await TimeAsync("for comparison: 30-day totals straight from the records", async () =>
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return await new NpgsqlCommand("""
            SELECT model_name, count(*), sum(prompt_tokens + completion_tokens), sum(cost)
            FROM llm.usage_records WHERE created_at >= now() - interval '30 days' GROUP BY model_name
            """, connection).ExecuteScalarAsync();
    });

    UsageRecord Record()
    {
        var success = random.NextDouble() > 0.02;
        var latency = (int)Math.Exp(6.5 + random.NextDouble() * 1.5); // ~660 ms to ~3 s
        return new UsageRecord(models[random.Next(models.Length)], "deployment-1", random.Next(4) == 0 ? CallMode.Interactive : CallMode.Batch,
            random.Next(20, 2000), success ? random.Next(5, 800) : 0, false, (decimal)random.Next(1, 5000) / 1_000_000m, latency, success,
            success ? null : "REQUEST_TIMEOUT", now.AddSeconds(-random.Next(30 * 24 * 3600)), null);
    }
}
finally
{
    if (server is not null)
    {
        await server.DisposeAsync();
        Directory.Delete(scratch, recursive: true);
    }
}

static async Task TimeAsync<T>(string name, Func<Task<T>> query)
{
    await query(); // warm-up: connection pool, plan cache
    var times = new List<double>();
    for (var run = 0; run < 7; run++)
    {
        var started = Stopwatch.GetTimestamp();
        await query();
        times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    times.Sort();
    Console.WriteLine($"{name,-58} median {times[times.Count / 2],8:F2} ms   min {times[0],8:F2} ms");
}
