using Npgsql;
using Platform.Contracts;
using Platform.IntegrationTests.Infrastructure;
using RabbitMQ.Client;

namespace Platform.IntegrationTests.Batches;

/// <summary>At-least-once delivery with exactly-once counting, when workers die and messages are lost.</summary>
public sealed class DeliveryGuaranteeTests
{
    private static RunningPlatform Stack => PlatformFixture.Stack;

    [Test]
    public async Task A_worker_killed_mid_job_loses_no_item_and_counts_none_twice()
    {
        await using var upstream = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);
        upstream.Latency = TimeSpan.FromMilliseconds(200);
        var taskIds = await Stack.Gateway.ImportNumberedTasksAsync("crash", 40);
        var jobId = await Stack.Gateway.SubmitAsync(new
        {
            task_ids = taskIds,
            ai_model_configs = new[] { GatewayApi.OpenAiConfig(upstream, "crash-model") },
            batch_config = new { max_concurrent_tasks = 5 },
        });
        await GatewayApi.EventuallyAsync(() => upstream.Calls.Count >= 10, TimeSpan.FromSeconds(30), "ten items have started");

        Stack.Workers[0].Kill();
        Stack.Workers.RemoveAt(0);
        var progressAtCrash = await Stack.Gateway.GetJobAsync(jobId);
        var job = await Stack.Gateway.WaitForEndAsync(jobId, TimeSpan.FromMinutes(2));
        await Stack.StartWorkerAsync();

        Assert.That(progressAtCrash["status"]!.GetValue<string>(), Is.EqualTo("running"));
        Assert.That(job["status"]!.GetValue<string>(), Is.EqualTo("completed"));
        Assert.That(job["successful_tasks"]!.GetValue<int>(), Is.EqualTo(40));
        Assert.That(job["results"]!.AsArray().Select(r => r!["task_id"]!.GetValue<string>()), Is.EquivalentTo(taskIds));
        Assert.That(await ScalarAsync($"SELECT count(*) FROM jobs.job_items WHERE job_id = '{jobId}' AND status = 'succeeded'"), Is.EqualTo(40L));
    }

    [Test]
    public async Task Items_whose_messages_were_lost_are_sent_again_when_their_lease_expires()
    {
        await using var upstream = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);
        var taskIds = await Stack.Gateway.ImportNumberedTasksAsync("lost", 3);
        await Stack.StopWorkersAsync();

        var jobId = await Stack.Gateway.SubmitAsync(new
        {
            task_ids = taskIds,
            ai_model_configs = new[] { GatewayApi.OpenAiConfig(upstream, "lost-model") },
            batch_config = new { retry_attempts = 0, timeout_seconds = 1 },
        });
        await PurgeItemQueueAsync();
        for (var replica = 0; replica < RunningPlatform.WorkerReplicas; replica++)
        {
            await Stack.StartWorkerAsync();
        }

        var job = await Stack.Gateway.WaitForEndAsync(jobId, TimeSpan.FromSeconds(60));

        Assert.That(job["status"]!.GetValue<string>(), Is.EqualTo("completed"));
        Assert.That(job["successful_tasks"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(await ScalarAsync($"SELECT min(deliveries) FROM jobs.job_items WHERE job_id = '{jobId}'"), Is.EqualTo(2),
            "each item was sent a second time by the sweeper");
    }

    private static async Task PurgeItemQueueAsync()
    {
        var factory = new ConnectionFactory { Uri = new Uri(Stack.Rabbit.ConnectionString) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var purged = await channel.QueuePurgeAsync(QueueNames.ProviderItems);
        Assert.That(purged, Is.GreaterThanOrEqualTo(3u), "the three item messages were waiting in the queue");
    }

    private static async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Stack.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
