using System.Net;
using Platform.AppHost.Local;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Models;

/// <summary>
/// A second Gateway replica with a model declared in its configuration: it serves that model without
/// any API call, and sees what is registered or configured through the first replica.
/// </summary>
public sealed class RegistryReplicaTests
{
    private const string DeclaredSecret = "sk-declared-in-env-5555";
    private static readonly TimeSpan PropagationTimeout = TimeSpan.FromSeconds(20);
    private ServiceProcess _replica = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task StartReplicaAsync()
    {
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        _replica = PlatformFixture.Stack.StartExtra(ServiceKind.Gateway, url.ToString(), new Dictionary<string, string>
        {
            ["Llm__Models__0__Id"] = "declared-model",
            ["Llm__Models__0__Model"] = "declared",
            ["Llm__Models__0__ModelType"] = "zhipu_glm",
            ["Llm__Models__0__ModelName"] = "glm-4-flash",
            ["Llm__Models__0__ApiKey"] = DeclaredSecret,
            ["Llm__Models__0__DisplayName"] = "GLM-4 Flash (declared)",
            ["Llm__Models__0__ContextWindow"] = "128000",
            ["Llm__Models__0__InputPer1KTokens"] = "0.0001",
            ["Llm__RefreshInterval"] = "00:00:01",
        });
        await _replica.WaitReadyAsync(new Uri(url, "health/ready"), TimeSpan.FromSeconds(60));
        _client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = url };
    }

    [OneTimeTearDown]
    public async Task StopReplicaAsync()
    {
        _client?.Dispose();
        if (_replica is not null)
        {
            await _replica.DisposeAsync();
        }
    }

    [Test]
    public async Task A_model_declared_in_configuration_is_listed_without_any_api_call()
    {
        var (status, body, text) = await _client.SendAsync(HttpMethod.Get, "/api/llm/models");

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        var model = RegistryApi.ModelIn(body, "declared-model")!;
        Assert.That(model, Is.Not.Null, text);
        Assert.That(model["name"]!.GetValue<string>(), Is.EqualTo("GLM-4 Flash (declared)"));
        Assert.That(model["provider"]!.GetValue<string>(), Is.EqualTo("zhipu_glm"));
        Assert.That(model["model"]!.GetValue<string>(), Is.EqualTo("declared"));
        Assert.That(model["limits"]!["context_window"]!.GetValue<int>(), Is.EqualTo(128000));
        Assert.That(model["pricing"]!["input_per_1k_tokens"]!.GetValue<decimal>(), Is.EqualTo(0.0001m));
        Assert.That(text, Does.Not.Contain(DeclaredSecret));
    }

    [Test]
    public async Task A_declared_model_can_be_tuned_through_the_api_and_keeps_its_provider()
    {
        var (status, saved, text) = await _client.SendAsync(HttpMethod.Put, "/api/llm/config/models/declared-model", new { priority = 3 });

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), text);
        Assert.That(saved["model"]!["priority"]!.GetValue<int>(), Is.EqualTo(3));
        Assert.That(saved["model"]!["provider"]!.GetValue<string>(), Is.EqualTo("zhipu_glm"));
        Assert.That(text, Does.Not.Contain(DeclaredSecret));
    }

    [Test]
    public async Task A_model_registered_through_one_replica_is_served_by_the_other()
    {
        await using var upstream = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);
        await PlatformFixture.Stack.Gateway.CreateModelAsync("replicated-model", upstream, "sk-replicated-secret-0042");

        var listed = await EventuallyListedAsync("replicated-model");

        Assert.That(listed["provider"]!.GetValue<string>(), Is.EqualTo("openai"));
        var (status, body, _) = await _client.SendAsync(HttpMethod.Get, "/api/v1/llm/models/replicated-model/status");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body["health"]!.GetValue<string>(), Is.EqualTo("healthy"));
    }

    [Test]
    public async Task Load_balancing_set_through_one_replica_reaches_the_other()
    {
        var (status, _, text) = await PlatformFixture.Stack.Gateway.SendAsync(HttpMethod.Put, "/api/llm/config/load-balancing",
            new { strategy = "least_latency", health_check_interval = 12 });
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), text);

        var deadline = DateTime.UtcNow + PropagationTimeout;
        string strategy;
        do
        {
            await Task.Delay(200);
            strategy = (await _client.SendAsync(HttpMethod.Get, "/api/llm/config/load-balancing")).Body["strategy"]!.GetValue<string>();
        }
        while (strategy != "least_latency" && DateTime.UtcNow < deadline);

        Assert.That(strategy, Is.EqualTo("least_latency"));
    }

    [Test]
    public async Task A_declared_model_that_is_not_usable_stops_start_up_naming_it()
    {
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        await using var gateway = PlatformFixture.Stack.StartExtra(ServiceKind.Gateway, url.ToString(), new Dictionary<string, string>
        {
            ["Llm__Models__0__Id"] = "misconfigured-model",
            ["Llm__Models__0__ModelType"] = "custom",
            ["Llm__Models__0__BaseUrl"] = "http://10.1.2.3/v1",
        });

        var failure = Assert.ThrowsAsync<InvalidOperationException>(() =>
            gateway.WaitReadyAsync(new Uri(url, "health/ready"), TimeSpan.FromSeconds(60)));

        Assert.That(failure!.Message, Does.Contain("Llm:Models:0 ('misconfigured-model').base_url host '10.1.2.3' is not allowed"));
    }

    private async Task<System.Text.Json.Nodes.JsonNode> EventuallyListedAsync(string id)
    {
        var deadline = DateTime.UtcNow + PropagationTimeout;
        while (true)
        {
            var (_, body, _) = await _client.SendAsync(HttpMethod.Get, "/api/llm/models");
            if (RegistryApi.ModelIn(body, id) is { } model)
            {
                return model;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The second replica did not list {id} within {PropagationTimeout}");
            }

            await Task.Delay(200);
        }
    }
}
