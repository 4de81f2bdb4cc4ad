using System.Net;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Models;

/// <summary>A batch job whose `ai_model_configs` entry names a registered model instead of carrying a config.</summary>
public sealed class NamedModelBatchTests
{
    private static HttpClient Gateway => PlatformFixture.Stack.Gateway;

    [Test]
    public async Task A_registered_name_is_accepted_in_a_batch_job()
    {
        await using var upstream = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);
        await Gateway.CreateModelAsync("batch-named", upstream, "sk-batch-named-secret-9999", new { model = "batch-sentiment" });
        var tasks = await Gateway.ImportNumberedTasksAsync("named", 2);

        var jobId = await Gateway.SubmitAsync(new
        {
            task_ids = tasks,
            ai_model_configs = new[] { new { model_name = "batch-sentiment", prompt_template = "情感分析，只输出 JSON：{content}" } },
        });
        var job = await Gateway.GetJobAsync(jobId);

        Assert.That(job["total_tasks"]!.GetValue<int>(), Is.EqualTo(2));
    }

    [Test]
    public async Task A_job_naming_a_registered_model_completes_against_its_upstream()
    {
        await using var upstream = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);
        await Gateway.CreateModelAsync("batch-completes", upstream, "sk-batch-completes-secret-1", new { model = "batch-completes-name" });
        var tasks = await Gateway.ImportNumberedTasksAsync("named_done", 3);

        var jobId = await Gateway.SubmitAsync(new
        {
            task_ids = tasks,
            ai_model_configs = new[] { new { model_name = "batch-completes-name", prompt_template = "情感分析：{content}", temperature = 0.3 } },
        });
        var job = await Gateway.WaitForEndAsync(jobId, TimeSpan.FromSeconds(60));

        Assert.That(job["status"]!.GetValue<string>(), Is.EqualTo("completed"), job.ToJsonString());
        Assert.That(job["successful_tasks"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(upstream.Calls.Select(call => call.Model).Distinct(), Is.EqualTo(new[] { "gpt-4o-mini" }));
        Assert.That(upstream.Calls.Select(call => call.Prompt), Is.All.StartWith("情感分析："), "the item's own prompt template");
        Assert.That(upstream.Calls.Select(call => call.Body["temperature"]!.GetValue<double>()), Is.All.EqualTo(0.3).Within(1e-6));
    }

    [Test]
    public async Task A_job_whose_primary_model_fails_over_to_its_fallback_completes_with_every_item_answered()
    {
        await using var broken = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);
        broken.Respond = _ => UpstreamReply.Error(503, "upstream overloaded");
        await using var healthy = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);
        await Gateway.CreateModelAsync("failover-backup", healthy, "sk-failover-backup-secret", new { model = "failover-backup-name" });
        await Gateway.CreateModelAsync("failover-primary", broken, "sk-failover-primary-secret",
            new { model = "failover-primary-name", fallback_models = new[] { "failover-backup-name" } });
        var tasks = await Gateway.ImportNumberedTasksAsync("failover", 8);

        var jobId = await Gateway.SubmitAsync(new
        {
            task_ids = tasks,
            ai_model_configs = new[] { new { model_name = "failover-primary-name" } },
            batch_config = new { retry_attempts = 1, timeout_seconds = 10 },
        });
        var job = await Gateway.WaitForEndAsync(jobId, TimeSpan.FromSeconds(90));

        Assert.That(job["status"]!.GetValue<string>(), Is.EqualTo("completed"), job.ToJsonString());
        Assert.That(job["successful_tasks"]!.GetValue<int>(), Is.EqualTo(8), "every item is answered by the fallback");
        Assert.That(job["results"]!.AsArray().Select(result => result!["prediction"]!["sentiment"]!.GetValue<string>()), Is.All.EqualTo("positive"));
        Assert.That(broken.Calls, Is.Not.Empty, "the primary was tried first");
        Assert.That(healthy.Calls.Select(call => call.Prompt).Distinct().Count(), Is.EqualTo(8));
    }

    [Test]
    public async Task An_unknown_name_or_a_name_with_its_own_endpoint_is_400()
    {
        var tasks = await Gateway.ImportNumberedTasksAsync("named_bad", 1);

        var (unknownStatus, unknown, _) = await Gateway.SendAsync(HttpMethod.Post, "/api/v1/ai/predict/batch", new
        {
            task_ids = tasks,
            ai_model_configs = new[] { new { model_name = "never-registered-model" } },
        });
        await using var upstream = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);
        await Gateway.CreateModelAsync("batch-own-key", upstream, "sk-batch-own-key-secret-2");
        var (mixedStatus, mixed, mixedText) = await Gateway.SendAsync(HttpMethod.Post, "/api/v1/ai/predict/batch", new
        {
            task_ids = tasks,
            ai_model_configs = new[] { new { model_name = "batch-own-key", api_key = "sk-request-secret-3" } },
        });

        RegistryApi.AssertAiError(unknownStatus, unknown, HttpStatusCode.BadRequest, "Invalid Request");
        Assert.That(unknown["message"]!.GetValue<string>(),
            Does.StartWith("ai_model_configs[0].model_name 'never-registered-model' is not a registered model"));
        RegistryApi.AssertAiError(mixedStatus, mixed, HttpStatusCode.BadRequest, "Invalid Request");
        Assert.That(mixed["message"]!.GetValue<string>(), Does.Contain("give model_type to use your own"));
        Assert.That(mixedText, Does.Not.Contain("sk-request-secret-3"));
    }
}
