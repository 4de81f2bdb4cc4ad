using System.Net;
using System.Text.Json.Nodes;

namespace Platform.IntegrationTests.Security;

/// <summary>
/// Tasks and jobs belong to the key that made them: another user key gets 404 as if they did not exist, cannot overwrite
/// them by importing the same id, cannot put them in its own batch, and does not share idempotency keys or cached
/// answers; admins see all.
/// </summary>
public sealed class TenantIsolationTests
{
    private SecuredGateways _gateways = null!;
    private FakeOpenAiUpstream _upstream = null!;
    private string _alice = null!;
    private string _bob = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _upstream = await FakeOpenAiUpstream.StartAsync();
        _gateways = await SecuredGateways.StartAsync("security_tenants", replicas: 1);
        _alice = (await _gateways.CreateKeyAsync("alice")).Key;
        _bob = (await _gateways.CreateKeyAsync("bob")).Key;
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _gateways.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    [Test]
    public async Task Another_owners_job_is_not_found_not_listed_and_not_cancellable_while_admins_see_it()
    {
        var taskId = $"alice-{Guid.NewGuid():N}";
        await ImportAsync(_alice, taskId, "alice's review: 很好用");
        var jobId = await SubmitAsync(_alice, [taskId]);

        using var bobReads = await _gateways.SendAsync(HttpMethod.Get, $"/api/v1/ai/batch/{jobId}", _bob);
        using var bobCancels = await _gateways.SendAsync(HttpMethod.Delete, $"/api/v1/ai/batch/{jobId}", _bob);
        using var bobReadsTask = await _gateways.SendAsync(HttpMethod.Get, $"/api/v1/tasks/{taskId}", _bob);
        var bobList = await JsonAsync(_bob, "/api/v1/ai/batch?limit=200");
        using var aliceReads = await _gateways.SendAsync(HttpMethod.Get, $"/api/v1/ai/batch/{jobId}", _alice);
        using var adminReads = await _gateways.SendAsync(HttpMethod.Get, $"/api/v1/ai/batch/{jobId}", SecuredGateways.AdminKey);
        var adminList = await JsonAsync(SecuredGateways.AdminKey, "/api/v1/ai/batch?limit=200");

        Assert.That(bobReads.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), await bobReads.Content.ReadAsStringAsync());
        Assert.That(JsonNode.Parse(await bobReads.Content.ReadAsStringAsync())!["message"]!.GetValue<string>(),
            Is.EqualTo($"Batch job {jobId} not found"), "the same answer as for an id that never existed");
        Assert.That(bobCancels.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(bobReadsTask.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(JobIds(bobList), Does.Not.Contain(jobId));
        Assert.That(aliceReads.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(adminReads.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(JobIds(adminList), Does.Contain(jobId));
    }

    [Test]
    public async Task The_same_task_id_imported_by_two_owners_is_two_tasks()
    {
        var taskId = $"shared-{Guid.NewGuid():N}";
        await ImportAsync(_alice, taskId, "alice's text");
        await ImportAsync(_bob, taskId, "bob's text");

        var alices = await JsonAsync(_alice, $"/api/v1/tasks/{taskId}");
        var bobs = await JsonAsync(_bob, $"/api/v1/tasks/{taskId}");

        Assert.That(alices["content"]!.GetValue<string>(), Is.EqualTo("alice's text"), "bob's import did not overwrite alice's task");
        Assert.That(bobs["content"]!.GetValue<string>(), Is.EqualTo("bob's text"));
        var aliceJob = await SubmitAsync(_alice, [taskId]);
        Assert.That(aliceJob, Does.StartWith("batch_"), "job items find their owner's task");
    }

    [Test]
    public async Task A_batch_naming_another_owners_task_is_refused_as_not_imported()
    {
        var taskId = $"alice-only-{Guid.NewGuid():N}";
        await ImportAsync(_alice, taskId, "alice's text");

        using var response = await _gateways.SendAsync(HttpMethod.Post, "/api/v1/ai/predict/batch", _bob, BatchBody([taskId]));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body.ToJsonString());
        Assert.That(body["message"]!.GetValue<string>(), Does.Contain("not imported"));
        Assert.That(body["details"]!["unknown_task_ids"]!.AsArray().Select(id => id!.GetValue<string>()), Is.EqualTo(new[] { taskId }));
    }

    [Test]
    public async Task Idempotency_keys_are_each_owners_own()
    {
        var key = $"submit-{Guid.NewGuid():N}";
        var aliceTask = $"alice-idem-{Guid.NewGuid():N}";
        var bobTask = $"bob-idem-{Guid.NewGuid():N}";
        await ImportAsync(_alice, aliceTask, "alice's text");
        await ImportAsync(_bob, bobTask, "bob's text");

        var alices = await SubmitAsync(_alice, [aliceTask], key);
        var bobs = await SubmitAsync(_bob, [bobTask], key);
        var alicesAgain = await SubmitAsync(_alice, [aliceTask], key);

        Assert.That(bobs, Is.Not.EqualTo(alices), "bob's submission made his own job, not a look at alice's");
        Assert.That(alicesAgain, Is.EqualTo(alices));
    }

    [Test]
    public async Task A_cached_answer_is_served_only_to_the_key_that_asked()
    {
        var content = $"cache probe {Guid.NewGuid():N}";

        var alicesFirst = await PredictAsync(_alice, content);
        var alicesSecond = await PredictAsync(_alice, content);
        var bobs = await PredictAsync(_bob, content);

        Assert.That(alicesFirst, Is.False);
        Assert.That(alicesSecond, Is.True, "alice's own answer is cached for her");
        Assert.That(bobs, Is.False, "bob cannot tell from a hit that alice asked the same");
    }

    /// <summary>Seed 000's single prediction; answers whether it came from the cache.</summary>
    private async Task<bool> PredictAsync(string key, string content)
    {
        using var response = await _gateways.SendAsync(HttpMethod.Post, "/api/v1/ai/predict", key, new
        {
            task_id = "cache-task",
            ai_model_config = new { model_type = "openai", model_name = "tenant-model", api_key = "sk-tenant", base_url = _upstream.BaseUrl.ToString() },
            content,
        });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        return body["cached"]!.GetValue<bool>();
    }

    private async Task ImportAsync(string key, string id, string content)
    {
        using var response = await _gateways.SendAsync(HttpMethod.Post, "/api/v1/tasks", key, new[] { new { id, content } });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    private object BatchBody(IReadOnlyList<string> taskIds) => new
    {
        task_ids = taskIds,
        ai_model_configs = new[]
        {
            new { model_type = "openai", model_name = "tenant-model", api_key = "sk-tenant", base_url = _upstream.BaseUrl.ToString() },
        },
    };

    private async Task<string> SubmitAsync(string key, IReadOnlyList<string> taskIds, string? idempotencyKey = null)
    {
        using var response = await _gateways.SendAsync(HttpMethod.Post, "/api/v1/ai/predict/batch", key, BatchBody(taskIds),
            idempotencyKey: idempotencyKey);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        return body["job_id"]!.GetValue<string>();
    }

    private async Task<JsonNode> JsonAsync(string key, string path)
    {
        using var response = await _gateways.SendAsync(HttpMethod.Get, path, key);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        return JsonNode.Parse(body)!;
    }

    private static List<string> JobIds(JsonNode list) => [.. list["jobs"]!.AsArray().Select(job => job!["job_id"]!.GetValue<string>())];
}
