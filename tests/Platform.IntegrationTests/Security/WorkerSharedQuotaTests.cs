using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Platform.AppHost.Local;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Security;

/// <summary>
/// A ProviderWorker's batch calls and a Gateway's interactive calls draw on one deployment quota counted in PostgreSQL:
/// once a job has used part of a 10-per-minute quota, the Gateway lets through only what is left. Its own stack (a
/// database and a broker of its own, one Gateway, Jobs and ProviderWorker), so that no other worker takes the items.
/// </summary>
public sealed class WorkerSharedQuotaTests
{
    private const string Model = "worker-shared-quota";
    private const int RequestsPerMinute = 10;
    private const int JobItems = 6;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);
    private readonly string _brokerRoot = Path.Combine(Path.GetTempPath(), $"worker-quota-{Guid.NewGuid():N}");
    private FakeOpenAiUpstream _upstream = null!;
    private RabbitMqServer _broker = null!;
    private SecuredGateways _gateways = null!;
    private readonly List<ServiceProcess> _services = [];

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _upstream = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);
        _broker = await RabbitMqServer.StartAsync(_brokerRoot, TestContext.Progress.WriteLine);
        var jobsUrl = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var settings = SecuredGateways.ModelSettings(Model, _upstream.BaseUrl);
        settings["Llm__Models__0__RequestsPerMinute"] = RequestsPerMinute.ToString(CultureInfo.InvariantCulture);
        // Each replica's own bucket holds the whole minute, so only the shared count keeps them to the quota.
        settings["Providers__Routing__QuotaBurst"] = "00:01:00";
        settings["ConnectionStrings__rabbitmq"] = _broker.ConnectionString;
        settings["Services__Jobs__BaseUrl"] = jobsUrl.ToString();
        _gateways = await SecuredGateways.StartAsync("security_worker_quota", replicas: 1, settings);

        settings["ConnectionStrings__postgres"] = _gateways.DatabaseConnectionString;
        await StartServiceAsync(ServiceKind.Jobs, jobsUrl, settings);
        await StartServiceAsync(ServiceKind.ProviderWorker, new Uri($"http://127.0.0.1:{FreePort.Next()}/"), settings);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        foreach (var service in _services)
        {
            await service.DisposeAsync();
        }

        await _gateways.DisposeAsync();
        await _broker.DisposeAsync();
        await _upstream.DisposeAsync();
        Directory.Delete(_brokerRoot, recursive: true);
    }

    [Test]
    public async Task After_a_job_used_6_of_a_10_per_minute_quota_the_gateway_admits_4_interactive_calls_and_answers_the_rest_with_429()
    {
        var taskIds = Enumerable.Range(1, JobItems).Select(i => $"quota_{i}").ToList();
        using (var import = await _gateways.SendAsync(HttpMethod.Post, "/api/v1/tasks", SecuredGateways.AdminKey,
                   taskIds.Select(id => new { id, content = $"review {id}" })))
        {
            Assert.That(import.StatusCode, Is.EqualTo(HttpStatusCode.OK), await import.Content.ReadAsStringAsync());
        }

        var job = await RunJobAsync(taskIds);
        Assert.That(job["successful_tasks"]!.GetValue<int>(), Is.EqualTo(JobItems), job.ToJsonString());

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < RequestsPerMinute; i++)
        {
            using var response = await _gateways.SendAsync(HttpMethod.Post, "/api/llm/generate", SecuredGateways.AdminKey,
                new { model = Model, messages = new[] { new { role = "user", content = $"interactive {i}" } } });
            statuses.Add(response.StatusCode);
        }

        TestContext.Progress.WriteLine($"job: {JobItems} items; interactive: {string.Join(", ", statuses.GroupBy(status => status).Select(group => $"{group.Count()} × {(int)group.Key}"))}; provider calls {_upstream.Calls.Count}");
        Assert.That(statuses.Count(status => status == HttpStatusCode.OK), Is.EqualTo(RequestsPerMinute - JobItems),
            "the Gateway counted the worker's calls against the deployment's quota");
        Assert.That(statuses.Count(status => status == HttpStatusCode.TooManyRequests), Is.EqualTo(JobItems));
        Assert.That(_upstream.Calls, Has.Count.EqualTo(RequestsPerMinute), "the provider saw the quota, not a quota per service");
    }

    private async Task<JsonNode> RunJobAsync(List<string> taskIds)
    {
        string jobId;
        using (var submit = await _gateways.SendAsync(HttpMethod.Post, "/api/v1/ai/predict/batch", SecuredGateways.AdminKey,
                   new { task_ids = taskIds, ai_model_configs = new[] { new { model_name = Model } } }))
        {
            var body = await submit.Content.ReadAsStringAsync();
            Assert.That(submit.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
            jobId = JsonNode.Parse(body)!["job_id"]!.GetValue<string>();
        }

        for (var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(45); ; await Task.Delay(200))
        {
            using var poll = await _gateways.SendAsync(HttpMethod.Get, $"/api/v1/ai/batch/{jobId}", SecuredGateways.AdminKey);
            var job = JsonNode.Parse(await poll.Content.ReadAsStringAsync())!;
            if (job["status"]?.GetValue<string>() is "completed" or "failed" or "cancelled" || DateTime.UtcNow > deadline)
            {
                Assert.That(job["status"]?.GetValue<string>(), Is.EqualTo("completed"), job.ToJsonString());
                return job;
            }
        }
    }

    private async Task StartServiceAsync(ServiceKind kind, Uri url, IReadOnlyDictionary<string, string> settings)
    {
        var service = PlatformFixture.Stack.StartExtra(kind, url.ToString(), settings);
        _services.Add(service);
        await service.WaitReadyAsync(new Uri(url, "health/ready"), ReadyTimeout);
    }
}
