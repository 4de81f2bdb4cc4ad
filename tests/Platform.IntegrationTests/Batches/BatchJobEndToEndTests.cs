using System.Text.Json.Nodes;
using Npgsql;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Batches;

/// <summary>Seed 000's batch flow through the real Gateway, Jobs, RabbitMQ, ProviderWorker and PostgreSQL.</summary>
public sealed class BatchJobEndToEndTests
{
    private static HttpClient Gateway => PlatformFixture.Stack.Gateway;

    [Test]
    public async Task A_job_of_200_tasks_and_2_models_completes_with_400_results_within_its_window()
    {
        await using var upstream = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);
        upstream.Latency = TimeSpan.FromMilliseconds(100);
        upstream.Respond = call => call.Prompt switch
        {
            _ when call.Model == "model-a" && call.Prompt.Contains("[bad]", StringComparison.Ordinal) =>
                UpstreamReply.Error(400, "content rejected by policy"),
            _ when call.Prompt.Contains("[flaky]", StringComparison.Ordinal) && call.Attempt == 1 => UpstreamReply.Error(500, "internal error"),
            _ when call.Prompt.Contains("[busy]", StringComparison.Ordinal) && call.Attempt == 1 => UpstreamReply.Error(429, "rate limited", "1"),
            _ => UpstreamReply.Text(FakeAnswers.Annotation),
        };
        var taskIds = await Gateway.ImportNumberedTasksAsync("e2e", 200, i =>
            i % 50 == 0 ? $"review {i} [bad]" : i % 20 == 7 ? $"review {i} [flaky]" : i % 40 == 3 ? $"review {i} [busy]" : $"review {i}");
        var zhipuShaped = new
        {
            model_type = "zhipu_glm",
            model_name = "model-b",
            api_key = "zhipu-test-key",
            base_url = upstream.ZhipuBaseUrl.ToString(),
            prompt_template = "文本分类：{content}",
        };

        var jobId = await Gateway.SubmitAsync(new
        {
            task_ids = taskIds,
            ai_model_configs = new object[] { GatewayApi.OpenAiConfig(upstream, "model-a"), zhipuShaped },
            batch_config = new { max_concurrent_tasks = 5, retry_attempts = 2, timeout_seconds = 10 },
        });
        var job = await Gateway.WaitForEndAsync(jobId, TimeSpan.FromMinutes(3));

        Assert.That(job["status"]!.GetValue<string>(), Is.EqualTo("completed"));
        Assert.That(job["total_tasks"]!.GetValue<int>(), Is.EqualTo(400));
        Assert.That(job["successful_tasks"]!.GetValue<int>(), Is.EqualTo(396));
        Assert.That(job["failed_tasks"]!.GetValue<int>(), Is.EqualTo(4));
        Assert.That(job["progress"]!.GetValue<double>(), Is.EqualTo(100.0));
        Assert.That(job["started_at"], Is.Not.Null);
        Assert.That(job["completed_at"], Is.Not.Null);
        Assert.That(upstream.MaxConcurrency, Is.EqualTo(5), "the window is filled but never exceeded");

        var results = job["results"]!.AsArray();
        Assert.That(results, Has.Count.EqualTo(396), "results are the successes; the failures are failed_tasks_details");
        var first = results[0]!;
        Assert.That(first["task_id"]!.GetValue<string>(), Is.EqualTo("e2e_000001"));
        Assert.That(first["status"]!.GetValue<string>(), Is.EqualTo("completed"));
        Assert.That(first["prediction"]!["sentiment"]!.GetValue<string>(), Is.EqualTo("positive"));
        Assert.That(first["confidence"]!.GetValue<double>(), Is.EqualTo(0.9));
        Assert.That(first["processing_time"]!.GetValue<double>(), Is.GreaterThan(0.09));

        var failed = job["failed_tasks_details"]!.AsArray();
        Assert.That(failed.Select(f => f!["task_id"]!.GetValue<string>()),
            Is.EqualTo(new[] { "e2e_000050", "e2e_000100", "e2e_000150", "e2e_000200" }));
        Assert.That(failed.Select(f => f!["error_code"]!.GetValue<string>()), Is.All.EqualTo("INVALID_REQUEST"));
        Assert.That(failed[0]!["error"]!.GetValue<string>(), Does.Contain("content rejected by policy"));
        Assert.That(failed[0]!["model_name"]!.GetValue<string>(), Is.EqualTo("model-a"));

        var retried = results.Where(r => r!["task_id"]!.GetValue<string>() is "e2e_000007" or "e2e_000003").ToList();
        Assert.That(retried, Has.Count.EqualTo(4));
        Assert.That(retried.Select(r => r!["attempts"]!.GetValue<int>()), Is.All.EqualTo(2), "a 500 or 429 costs one retry");
        Assert.That(retried.Select(r => r!["status"]!.GetValue<string>()), Is.All.EqualTo("completed"));
        Assert.That(upstream.Calls.Count(c => c.Model == "model-a" && c.Prompt.Contains("[bad]", StringComparison.Ordinal)),
            Is.EqualTo(4), "a 400 is never retried");
    }

    [Test]
    public async Task A_job_whose_every_item_fails_ends_failed_and_says_why()
    {
        await using var upstream = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);
        upstream.Respond = _ => UpstreamReply.Error(404, "The model `no-such-model` does not exist");
        var taskIds = await Gateway.ImportNumberedTasksAsync("doomed", 3);

        var jobId = await Gateway.SubmitAsync(new { task_ids = taskIds, ai_model_configs = new[] { GatewayApi.OpenAiConfig(upstream, "no-such-model") } });
        var job = await Gateway.WaitForEndAsync(jobId, TimeSpan.FromMinutes(1));

        Assert.That(job["status"]!.GetValue<string>(), Is.EqualTo("failed"));
        Assert.That(job["error"]!.GetValue<string>(), Is.EqualTo("All 3 items failed"));
        Assert.That(job["failed_tasks"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(job["failed_tasks_details"]![0]!["error"]!.GetValue<string>(),
            Is.EqualTo("Model openai/no-such-model was not found upstream (HTTP 404): The model `no-such-model` does not exist"));
        Assert.That(job["failed_tasks_details"]![0]!["error_code"]!.GetValue<string>(), Is.EqualTo("MODEL_UNAVAILABLE"));
    }

    [Test]
    public async Task Results_page_with_offset_and_limit()
    {
        await using var upstream = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);
        var taskIds = await Gateway.ImportNumberedTasksAsync("paging", 30);
        var jobId = await Gateway.SubmitAsync(new { task_ids = taskIds, ai_model_configs = new[] { GatewayApi.OpenAiConfig(upstream, "paging") } });
        await Gateway.WaitForEndAsync(jobId, TimeSpan.FromMinutes(1));

        var page = await Gateway.GetJobAsync(jobId, "?offset=25&limit=10");

        Assert.That(page["results"]!.AsArray().Select(r => r!["task_id"]!.GetValue<string>()),
            Is.EqualTo(Enumerable.Range(26, 5).Select(i => $"paging_{i:D6}")));
        Assert.That(page["pagination"]!.ToJsonString(),
            Is.EqualTo("""{"offset":25,"limit":10,"total_results":30,"failed_offset":0,"failed_limit":1000,"total_failed":0}"""));
    }

    [Test]
    public async Task Jobs_are_listed_newest_first()
    {
        await using var upstream = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);
        var taskIds = await Gateway.ImportNumberedTasksAsync("listing", 1);
        var older = await Gateway.SubmitAsync(new { task_ids = taskIds, ai_model_configs = new[] { GatewayApi.OpenAiConfig(upstream, "m") } });
        var newer = await Gateway.SubmitAsync(new { task_ids = taskIds, ai_model_configs = new[] { GatewayApi.OpenAiConfig(upstream, "m") } });

        var list = JsonNode.Parse(await Gateway.GetStringAsync("/api/v1/ai/batch?limit=2"))!;

        Assert.That(list["jobs"]!.AsArray().Select(j => j!["job_id"]!.GetValue<string>()), Is.EqualTo(new[] { newer, older }));
        Assert.That(list["total"]!.GetValue<int>(), Is.GreaterThanOrEqualTo(2));
        Assert.That(list["limit"]!.GetValue<int>(), Is.EqualTo(2));
    }

    [Test]
    public async Task Importing_a_task_again_updates_it_instead_of_duplicating_it()
    {
        await Gateway.ImportTasksAsync([new { id = "idempotent_1", content = "first" }]);
        using var again = await Gateway.PostAsync("/api/v1/tasks", JsonContent(
            """[{"id": "idempotent_1", "content": "second", "metadata": {"lang": "en"}}, {"content": "generated id"}]"""));
        var imported = JsonNode.Parse(await again.Content.ReadAsStringAsync())!;

        Assert.That(imported["created"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(imported["updated"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(Guid.TryParse(imported["task_ids"]![1]!.GetValue<string>(), out _), Is.True, "ids are generated as UUIDs");
        var task = JsonNode.Parse(await Gateway.GetStringAsync("/api/v1/tasks/idempotent_1"))!;
        Assert.That(task["content"]!.GetValue<string>(), Is.EqualTo("second"));
        Assert.That(task["metadata"]!["lang"]!.GetValue<string>(), Is.EqualTo("en"));
        await using var connection = new NpgsqlConnection(PlatformFixture.Stack.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM jobs.tasks WHERE id = 'idempotent_1'", connection);
        Assert.That(await count.ExecuteScalarAsync(), Is.EqualTo(1L));
    }

    internal static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
