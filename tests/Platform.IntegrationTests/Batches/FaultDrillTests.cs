using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Batches;

/// <summary>
/// The drills of the guarantees: a job of a few hundred items runs while a fault strikes mid-job, and must complete
/// with every item answered exactly once (its own answer), none failed, and the public API answering throughout or
/// within seconds after.
/// </summary>
[NonParallelizable]
public sealed class FaultDrillTests
{
    private const int Items = 300;
    private static RunningPlatform Stack => PlatformFixture.Stack;

    [Test]
    public async Task A_ten_second_RabbitMQ_outage_pauses_the_job_and_every_service_resumes_consuming()
    {
        await DrillAsync("rabbit", async () =>
        {
            await Stack.Rabbit.StopAsync();
            await Task.Delay(TimeSpan.FromSeconds(10));
            await Stack.Rabbit.StartAgainAsync();
        });
    }

    [Test]
    public async Task A_worker_says_it_is_not_ready_while_the_broker_is_away()
    {
        var worker = Stack.UrlOf(Stack.Workers[0]);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        await Stack.Rabbit.StopAsync();
        try
        {
            await GatewayApi.EventuallyAsync(() => ReadyStatus(client, worker) != 200, TimeSpan.FromSeconds(30),
                "the worker's /health/ready turned unhealthy with the broker away");
        }
        finally
        {
            await Stack.Rabbit.StartAgainAsync();
        }

        await GatewayApi.EventuallyAsync(() => ReadyStatus(client, worker) == 200, TimeSpan.FromSeconds(60),
            "the worker's /health/ready became healthy again once it consumed again");
    }

    [Test]
    public async Task A_PostgreSQL_restart_mid_job_stops_no_service()
    {
        await DrillAsync("postgres", async () =>
        {
            await Stack.Postgres.RestartAsync();
            // This test process's own pooled connections died with the server; later tests must not inherit them.
            NpgsqlConnection.ClearAllPools();
        });

        Assert.That(Stack.GatewayProcess.HasExited, Is.False, "the Gateway is still running");
        Assert.That(Stack.Jobs.HasExited, Is.False, "the Jobs service is still running");
        Assert.That(Stack.Workers.Select(worker => worker.HasExited), Is.All.False, "every worker is still running");
    }

    [Test]
    public async Task The_Jobs_service_killed_and_restarted_mid_job_loses_nothing()
    {
        await DrillAsync("jobs-kill", () => Stack.RestartAsync(Stack.Jobs, kill: true));
    }

    [Test]
    public async Task Every_worker_killed_and_one_started_again_loses_nothing()
    {
        await DrillAsync("workers-kill", async () =>
        {
            foreach (var worker in Stack.Workers)
            {
                worker.Kill();
            }

            Stack.Workers.Clear();
            await Task.Delay(TimeSpan.FromSeconds(2));
            await Stack.StartWorkerAsync();
        });
        await Stack.StartWorkerAsync();
    }

    [Test]
    public async Task The_Gateway_killed_and_restarted_while_clients_poll_loses_nothing()
    {
        await DrillAsync("gateway-kill", () => Stack.RestartAsync(Stack.GatewayProcess, kill: true));
    }

    /// <summary>Runs a job, strikes with <paramref name="fault"/> once a fifth of it is answered, and checks everything after.</summary>
    private static async Task DrillAsync(string name, Func<Task> fault)
    {
        await using var upstream = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);
        upstream.Latency = TimeSpan.FromMilliseconds(100);
        // Each answer names its task, so that every stored result can be matched to the prompt that produced it.
        upstream.Respond = call => UpstreamReply.Text($$"""{"sentiment": "positive", "confidence": 0.9, "task": "{{TaskIdIn(call.Prompt)}}"}""");
        var taskIds = await Stack.Gateway.ImportNumberedTasksAsync($"drill-{name}", Items, i => $"task drill-{name}_{i:D6} says 很好用");
        var jobId = await Stack.Gateway.SubmitAsync(new
        {
            task_ids = taskIds,
            ai_model_configs = new[] { GatewayApi.OpenAiConfig(upstream, $"drill-{name}") },
            batch_config = new { max_concurrent_tasks = 10, retry_attempts = 2, timeout_seconds = 10 },
        });
        await GatewayApi.EventuallyAsync(() => upstream.Calls.Count >= Items / 5, TimeSpan.FromSeconds(60), "a fifth of the items have started");

        using var polling = new CancellationTokenSource();
        var poller = PollAsync(jobId, polling.Token);
        await fault();
        var job = await WaitForEndAsync(jobId, TimeSpan.FromMinutes(3));
        await polling.CancelAsync();
        var longestOutage = await poller;

        Assert.That(job["status"]!.GetValue<string>(), Is.EqualTo("completed"), job.ToJsonString()[..Math.Min(500, job.ToJsonString().Length)]);
        Assert.That(job["successful_tasks"]!.GetValue<int>(), Is.EqualTo(Items), "every item answered");
        Assert.That(job["failed_tasks"]!.GetValue<int>(), Is.Zero, "no item failed");
        var results = (await Stack.Gateway.GetJobAsync(jobId, "?limit=1000"))["results"]!.AsArray();
        Assert.That(results.Select(result => result!["task_id"]!.GetValue<string>()), Is.EquivalentTo(taskIds), "each task's result once");
        Assert.That(results.Where(result => result!["prediction"]!["task"]!.GetValue<string>() != result["task_id"]!.GetValue<string>()), Is.Empty,
            "each result is its own task's answer");
        Assert.That(await ScalarAsync($"SELECT count(*) FROM jobs.job_items WHERE job_id = '{jobId}' AND status = 'succeeded'"), Is.EqualTo((long)Items));
        Assert.That(await ScalarAsync($"SELECT succeeded_items + failed_items + cancelled_items FROM jobs.jobs WHERE id = '{jobId}'"), Is.EqualTo(Items),
            "the job's counters count each item once");
        Assert.That(longestOutage, Is.LessThan(TimeSpan.FromSeconds(30)), "the public API answered within seconds throughout");
        TestContext.Progress.WriteLine($"drill {name}: {upstream.Calls.Count} upstream calls for {Items} items; longest API outage {longestOutage.TotalSeconds:F1} s");
    }

    private static string TaskIdIn(string prompt) => prompt.Split(' ').First(word => word.StartsWith("drill-", StringComparison.Ordinal));

    /// <summary>Polls the job through the Gateway as a client would; answers the longest stretch without a 200.</summary>
    private static async Task<TimeSpan> PollAsync(string jobId, CancellationToken stop)
    {
        using var client = new HttpClient { BaseAddress = Stack.GatewayUrl, Timeout = TimeSpan.FromSeconds(5) };
        var lastOk = DateTime.UtcNow;
        var longest = TimeSpan.Zero;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var response = await client.GetAsync($"/api/v1/ai/batch/{jobId}?limit=1", stop);
                if (response.IsSuccessStatusCode)
                {
                    lastOk = DateTime.UtcNow;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Down for now; the stretch keeps growing.
            }

            longest = TimeSpan.FromTicks(Math.Max(longest.Ticks, (DateTime.UtcNow - lastOk).Ticks));
            await Task.Delay(200, CancellationToken.None);
        }

        return longest;
    }

    /// <summary>As <see cref="GatewayApi.WaitForEndAsync"/>, riding out the moments the Gateway itself is away.</summary>
    private static async Task<JsonNode> WaitForEndAsync(string jobId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var job = await Stack.Gateway.GetFromJsonAsync<JsonNode>($"/api/v1/ai/batch/{jobId}?limit=1");
                if (job!["status"]!.GetValue<string>() != "running")
                {
                    return job;
                }
            }
            catch (HttpRequestException)
            {
                // The Gateway, Jobs or the database is away for a moment.
            }

            await Task.Delay(250);
        }

        Assert.Fail($"Job {jobId} did not end within {timeout}");
        return null!;
    }

    private static int ReadyStatus(HttpClient client, Uri service)
    {
        try
        {
            using var response = client.GetAsync(new Uri(service, "health/ready")).GetAwaiter().GetResult();
            return (int)response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return 0;
        }
    }

    private static async Task<object?> ScalarAsync(string sql)
    {
        // Unpooled: a connection pooled before a drill's database restart would be dead.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Stack.DatabaseConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
