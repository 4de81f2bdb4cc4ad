using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using Platform.AppHost.Local;
using Platform.Llm.Data;
using Platform.Testing.Upstreams;

namespace Platform.Batch.Bench;

/// <summary>Private PostgreSQL and RabbitMQ, one Jobs service and a chosen number of ProviderWorker replicas, all Release builds.</summary>
internal sealed class BenchPlatform : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);
    private readonly string _scratch;
    private readonly PostgresServer _postgres;
    private readonly RabbitMqServer _rabbit;
    private readonly FakeOpenAiUpstream _upstream;
    private readonly Dictionary<string, string> _environment;
    private readonly List<ServiceProcess> _workers = [];
    private ServiceProcess _jobs = null!;
    private HttpClient _client = null!;
    private int _run;

    private BenchPlatform(string scratch, PostgresServer postgres, RabbitMqServer rabbit, FakeOpenAiUpstream upstream, string database)
    {
        (_scratch, _postgres, _rabbit, _upstream) = (scratch, postgres, rabbit, upstream);
        _environment = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__postgres"] = database,
            ["ConnectionStrings__rabbitmq"] = rabbit.ConnectionString,
            ["Secrets__EncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Providers__AllowLoopback"] = "true",
            ["Jobs__MaxTasksPerJob"] = "100000",
            ["Jobs__MaxTasksPerImport"] = "100000",
            ["Logging__LogLevel__Default"] = "Warning",
        };
    }

    public static async Task<BenchPlatform> StartAsync(FakeOpenAiUpstream upstream)
    {
        var scratch = Path.Combine(Path.GetTempPath(), $"batch-bench-{Guid.NewGuid():N}");
        var postgresStart = PostgresServer.StartAsync(Path.Combine(scratch, "postgres"), _ => { });
        var rabbit = await RabbitMqServer.StartAsync(Path.Combine(scratch, "rabbitmq"), _ => { });
        var postgres = await postgresStart;
        var database = await postgres.CreateDatabaseAsync("batch_bench");
        await MigrateLlmAsync(database);
        var platform = new BenchPlatform(scratch, postgres, rabbit, upstream, database);
        await platform.StartJobsAsync();
        return platform;
    }

    public async Task ScaleWorkersAsync(int replicas)
    {
        while (_workers.Count > replicas)
        {
            await _workers[^1].DisposeAsync();
            _workers.RemoveAt(_workers.Count - 1);
        }

        while (_workers.Count < replicas)
        {
            var url = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
            var worker = ServiceProcess.Start($"worker-{_workers.Count + 1}",
                RepoPaths.ServiceAssembly("workers/ProviderWorker", "Platform.ProviderWorker"), With(url), Console.WriteLine);
            _workers.Add(worker);
            await worker.WaitReadyAsync(new Uri(url, "health/ready"), ReadyTimeout);
        }
    }

    /// <summary>CPU the services spend a second with nothing to do (timers, health checks, the broker's heartbeats).</summary>
    public async Task<CpuUse> IdleCpuAsync(TimeSpan period)
    {
        var before = CpuNow();
        await Task.Delay(period);
        return (CpuNow() - before) / period.TotalSeconds;
    }

    /// <summary>
    /// Waits until the services are quiet (Jobs 100 ms of CPU a second and 50 ms a worker, as they idle when warm): after a
    /// burst of load the tiered JIT keeps recompiling hot methods for a while, and a run measured then pays for it.
    /// </summary>
    public async Task SettleAsync(TimeSpan period, TimeSpan atMost)
    {
        var clock = Stopwatch.StartNew();
        var quiet = TimeSpan.FromMilliseconds(100 + 50 * _workers.Count);
        CpuUse idle;
        do
        {
            idle = await IdleCpuAsync(period);
        }
        while (idle.Jobs + idle.Workers > quiet && clock.Elapsed < atMost);

        Console.WriteLine($"settled after {clock.Elapsed.TotalSeconds:F0} s: {idle.PerSecond()}");
    }

    /// <summary>Where the cores go: each service, both servers, and this process (the upstream and the polling client).</summary>
    public CpuUse CpuNow() => new(
        ProcessCpuTime.Of(_jobs.Id),
        TimeSpan.FromTicks(_workers.Sum(worker => ProcessCpuTime.Of(worker.Id).Ticks)),
        ProcessCpuTime.OfTree(_postgres.ProcessId ?? throw new InvalidOperationException("PostgreSQL is not running")),
        ProcessCpuTime.OfTree(_rabbit.ProcessId ?? throw new InvalidOperationException("RabbitMQ is not running")),
        Process.GetCurrentProcess().TotalProcessorTime);

    /// <summary>Imports the tasks, submits <paramref name="jobs"/> jobs at once and waits until every one has completed.</summary>
    public async Task<RunFigures> RunJobsAsync(string name, int jobs, int itemsPerJob, int window, bool print = true)
    {
        var run = ++_run;
        var taskIds = new List<List<string>>();
        for (var job = 0; job < jobs; job++)
        {
            taskIds.Add(await ImportAsync($"r{run}j{job}", itemsPerJob));
        }

        var wakeUp = WakeUpProbe.Microseconds();
        var cpu = CpuNow();
        var stolen = MachineLoad.StolenTime();
        var clock = Stopwatch.StartNew();
        var ids = await Task.WhenAll(taskIds.Select(ids => SubmitAsync(ids, window)));
        var times = await Task.WhenAll(ids.Select(id => WaitCompletedAsync(id, itemsPerJob)));
        // The jobs' own record, from the first submission to the last result: polling every 250 ms would add up to 4 %.
        var elapsed = times.Max(job => job.CompletedAt) - times.Min(job => job.CreatedAt);
        var steal = (MachineLoad.StolenTime() - stolen) / (clock.Elapsed * Environment.ProcessorCount);
        var figures = new RunFigures(name, jobs, itemsPerJob, window, elapsed, CpuNow() - cpu, steal, wakeUp, DuplicatesOf($"r{run}j"), _upstream.Latency);
        if (print)
        {
            figures.Print();
            if (jobs == 1)
            {
                await TurnBreakdown.PrintAsync(_environment["ConnectionStrings__postgres"], ids[0], window, _upstream);
            }
        }

        return figures;
    }

    /// <summary>A 10-item job submitted a second after a large one: its time to complete shows whether the large one starves it.</summary>
    public async Task FairnessAsync(int largeItems)
    {
        var run = ++_run;
        var large = await ImportAsync($"r{run}large", largeItems);
        var small = await ImportAsync($"r{run}small", 10);
        var largeId = await SubmitAsync(large, 1_000);
        var largeDone = WaitCompletedAsync(largeId, largeItems);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var smallJob = await WaitCompletedAsync(await SubmitAsync(small, 10), 10);
        var largeJob = await largeDone;
        Console.WriteLine($"the 10-item job completed in {(smallJob.CompletedAt - smallJob.CreatedAt).TotalSeconds:F2} s " +
            $"({(smallJob.CompletedAt < largeJob.CompletedAt ? "while the large job was still running" : "after the large job had finished")}); " +
            $"the large job {largeItems:N0} items");
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        foreach (var worker in _workers)
        {
            await worker.DisposeAsync();
        }

        await _jobs.DisposeAsync();
        await _rabbit.DisposeAsync();
        await _postgres.DisposeAsync();
        Directory.Delete(_scratch, recursive: true);
    }

    /// <summary>The `llm` schema's owner, the Gateway, is not part of this bench: apply its migrations as its Kubernetes Job does.</summary>
    private static async Task MigrateLlmAsync(string database)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:postgres"] = database;
        builder.AddLlmDatabase();
        using var host = builder.Build();
        await host.Services.MigrateLlmDatabaseAsync();
    }

    private async Task StartJobsAsync()
    {
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        _jobs = ServiceProcess.Start("jobs", RepoPaths.ServiceAssembly("services/Jobs", "Platform.Jobs"), With(url), Console.WriteLine);
        await _jobs.WaitReadyAsync(new Uri(url, "health/ready"), ReadyTimeout);
        _client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = url, Timeout = TimeSpan.FromMinutes(2) };
    }

    private Dictionary<string, string> With(Uri url) => new(_environment) { ["ASPNETCORE_URLS"] = url.ToString() };

    private async Task<List<string>> ImportAsync(string prefix, int count)
    {
        var ids = Enumerable.Range(0, count).Select(i => $"{prefix}-{i}").ToList();
        foreach (var chunk in ids.Chunk(10_000))
        {
            using var response = await _client.PostAsJsonAsync("/api/v1/tasks", chunk.Select(id => new { id, content = $"bench {id}" }));
            response.EnsureSuccessStatusCode();
        }

        return ids;
    }

    private async Task<string> SubmitAsync(List<string> taskIds, int window)
    {
        using var response = await _client.PostAsJsonAsync("/api/v1/ai/predict/batch", new
        {
            task_ids = taskIds,
            ai_model_configs = new[]
            {
                new { model_type = "openai", model_name = "bench-model", base_url = _upstream.BaseUrl.ToString(), api_key = "sk-bench", prompt_template = "{content}" },
            },
            batch_config = new { max_concurrent_tasks = window, retry_attempts = 1, timeout_seconds = 30 },
        });
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return response.IsSuccessStatusCode ? body!["job_id"]!.GetValue<string>() : throw new InvalidOperationException($"submit: {body}");
    }

    /// <summary>Polls until the job has ended; throws unless every item succeeded. Answers when the job was created and completed.</summary>
    private async Task<(DateTimeOffset CreatedAt, DateTimeOffset CompletedAt)> WaitCompletedAsync(string jobId, int items)
    {
        while (true)
        {
            var job = await _client.GetFromJsonAsync<JsonObject>($"/api/v1/ai/batch/{jobId}?limit=1");
            var status = job!["status"]!.GetValue<string>();
            if (status != "running")
            {
                var succeeded = job["successful_tasks"]!.GetValue<int>();
                if (status != "completed" || succeeded != items)
                {
                    throw new InvalidOperationException($"job {jobId} ended {status} with {succeeded} of {items} items answered: {job}");
                }

                return (job["created_at"]!.GetValue<DateTimeOffset>(), job["completed_at"]!.GetValue<DateTimeOffset>());
            }

            await Task.Delay(250);
        }
    }

    private int DuplicatesOf(string prefix) =>
        _upstream.Calls.Count(call => call.Attempt > 1 && call.Prompt.StartsWith("bench " + prefix, StringComparison.Ordinal));
}
