using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;
using Platform.Contracts;
using Platform.IntegrationTests.Infrastructure;
using RabbitMQ.Client;

namespace Platform.IntegrationTests.Batches;

/// <summary>Submission idempotency, text PostgreSQL cannot store, and the error queues an operator can replay.</summary>
[NonParallelizable]
public sealed class QueueRobustnessTests
{
    private static RunningPlatform Stack => PlatformFixture.Stack;

    [Test]
    public async Task A_submission_repeated_with_the_same_idempotency_key_answers_the_first_job_and_runs_it_once()
    {
        await using var upstream = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);
        var taskIds = await Stack.Gateway.ImportNumberedTasksAsync("idem", 5);
        var request = new { task_ids = taskIds, ai_model_configs = new[] { GatewayApi.OpenAiConfig(upstream, "idem-model") } };
        var key = $"retry-{Guid.NewGuid():N}";

        var first = await SubmitWithKeyAsync(request, key);
        var second = await SubmitWithKeyAsync(request, key);
        // Another model, so that the prediction cache does not answer the second job from the first one's answers.
        var other = await SubmitWithKeyAsync(request with { ai_model_configs = new[] { GatewayApi.OpenAiConfig(upstream, "idem-model-2") } },
            key + "-other");
        await Stack.Gateway.WaitForEndAsync(first, TimeSpan.FromSeconds(60));
        await Stack.Gateway.WaitForEndAsync(other, TimeSpan.FromSeconds(60));

        Assert.That(second, Is.EqualTo(first), "the same key answers the same job");
        Assert.That(other, Is.Not.EqualTo(first), "another key makes another job");
        Assert.That(upstream.Calls.Count, Is.EqualTo(10), "two jobs of five items ran, not three");
        using var badKey = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ai/predict/batch") { Content = JsonContent.Create(request) };
        badKey.Headers.TryAddWithoutValidation("Idempotency-Key", new string('k', 300));
        using var refused = await Stack.Gateway.SendAsync(badKey);
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await refused.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>(), Does.Contain("Idempotency-Key"));
    }

    [TestCase("{\"content\": \"nul \\u0000 inside\"}", "[0].content contains the NUL character")]
    // System.Text.Json itself refuses an unpaired surrogate escape while reading the body.
    [TestCase("{\"content\": \"lone \\ud800 surrogate\"}", "$[0].content")]
    [TestCase("{\"content\": \"fine\", \"metadata\": {\"note\": \"nul \\u0000\"}}", "[0].metadata contains an escaped NUL")]
    public async Task Task_text_that_cannot_be_stored_is_refused_with_a_400_naming_the_field(string task, string message)
    {
        using var response = await Stack.Gateway.PostAsync("/api/v1/tasks", new StringContent($"[{task}]", Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body?.ToJsonString());
        Assert.That(body!["message"]!.GetValue<string>(), Does.Contain(message));
    }

    [Test]
    public async Task An_answer_holding_NUL_and_a_lone_surrogate_is_stored_with_replacements_and_marked()
    {
        await using var upstream = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);
        upstream.Respond = _ => UpstreamReply.Text("bad bytes \u0000 and \ud800 then {\"sentiment\": \"neutral\", \"note\": \"\\u0000\"}");
        var taskIds = await Stack.Gateway.ImportNumberedTasksAsync("nul-answer", 3);
        var jobId = await Stack.Gateway.SubmitAsync(new { task_ids = taskIds, ai_model_configs = new[] { GatewayApi.OpenAiConfig(upstream, "nul-model") } });

        var job = await Stack.Gateway.WaitForEndAsync(jobId, TimeSpan.FromSeconds(60));

        Assert.That(job["status"]!.GetValue<string>(), Is.EqualTo("completed"));
        Assert.That(job["successful_tasks"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(upstream.Calls.Count, Is.EqualTo(3), "each answer was stored at the first try, not retried");
        // Unpooled: a connection pooled before a drill's database restart would be dead.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Stack.DatabaseConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT count(*) FROM jobs.job_items WHERE job_id = '{jobId}' AND text_replaced AND raw_text LIKE '%\uFFFD%'", connection);
        Assert.That(await command.ExecuteScalarAsync(), Is.EqualTo(3L), "every item records that its answer's characters were replaced");
    }

    [Test]
    public async Task Messages_in_an_error_queue_are_listed_and_replayed_by_an_admin()
    {
        await using var upstream = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);
        var taskIds = await Stack.Gateway.ImportNumberedTasksAsync("replay", 4);
        await Stack.StopWorkersAsync();
        string jobId;
        try
        {
            // Long leases: only the replay can bring these items back.
            jobId = await Stack.Gateway.SubmitAsync(new
            {
                task_ids = taskIds,
                ai_model_configs = new[] { GatewayApi.OpenAiConfig(upstream, "replay-model") },
                batch_config = new { timeout_seconds = 300 },
            });
            await MoveToErrorQueueAsync(QueueNames.ProviderItems, 4);
        }
        finally
        {
            for (var replica = 0; replica < RunningPlatform.WorkerReplicas; replica++)
            {
                await Stack.StartWorkerAsync();
            }
        }

        var queues = await Stack.Gateway.GetFromJsonAsync<JsonObject>("/api/v1/admin/queues");
        var itemQueue = queues!["queues"]!.AsArray().Single(queue => queue!["name"]!.GetValue<string>() == QueueNames.ProviderItems)!;
        Assert.That(itemQueue["errors"]!.GetValue<long>(), Is.EqualTo(4), queues.ToJsonString());
        Assert.That(itemQueue["consumers"]!.GetValue<long>(), Is.GreaterThanOrEqualTo(1));

        using var replay = await Stack.Gateway.PostAsync($"/api/v1/admin/queues/{QueueNames.ProviderItems}/replay", null);
        var replayed = await replay.Content.ReadFromJsonAsync<JsonObject>();
        var job = await Stack.Gateway.WaitForEndAsync(jobId, TimeSpan.FromSeconds(60));
        using var unknown = await Stack.Gateway.PostAsync("/api/v1/admin/queues/not-a-queue/replay", null);

        Assert.That(replayed!["replayed"]!.GetValue<int>(), Is.EqualTo(4), replayed.ToJsonString());
        Assert.That(job["status"]!.GetValue<string>(), Is.EqualTo("completed"));
        Assert.That(job["successful_tasks"]!.GetValue<int>(), Is.EqualTo(4));
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    private static async Task<string> SubmitWithKeyAsync(object request, string key)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ai/predict/batch") { Content = JsonContent.Create(request) };
        message.Headers.Add("Idempotency-Key", key);
        using var response = await Stack.Gateway.SendAsync(message);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body?.ToJsonString());
        return body!["job_id"]!.GetValue<string>();
    }

    /// <summary>What MassTransit does with a message whose consumer failed for good: it moves to the queue's `_error` queue.</summary>
    private static async Task MoveToErrorQueueAsync(string queue, int count)
    {
        var factory = new ConnectionFactory { Uri = new Uri(Stack.Rabbit.ConnectionString) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync(queue + "_error", durable: true, exclusive: false, autoDelete: false);
        for (var moved = 0; moved < count;)
        {
            if (await channel.BasicGetAsync(queue, autoAck: false) is not { } message)
            {
                await Task.Delay(100);
                continue;
            }

            await channel.BasicPublishAsync("", queue + "_error", mandatory: true, new BasicProperties(message.BasicProperties), message.Body);
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false);
            moved++;
        }
    }
}
