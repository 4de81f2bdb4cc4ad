using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.AppHost.Local;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Inference;

/// <summary>
/// The Gateway's refusals under `/inference`, in seed 001's shape: a Gateway with API keys on a database of its own
/// (stored keys would close the shared stack's local-mode Gateway).
/// </summary>
public sealed class InferenceAuthTests
{
    private const string AdminKey = "inference-admin-key-for-tests";
    private ServiceProcess _gateway = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        _gateway = PlatformFixture.Stack.StartExtra(ServiceKind.Gateway, url.ToString(), new Dictionary<string, string>
        {
            ["ConnectionStrings__postgres"] = await PlatformFixture.Stack.Postgres.CreateDatabaseAsync("inference_keys"),
            ["Auth__ApiKeys__0"] = AdminKey,
        });
        await _gateway.WaitReadyAsync(new Uri(url, "health/ready"), TimeSpan.FromSeconds(90));
        _client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = url };
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client?.Dispose();
        await _gateway.DisposeAsync();
    }

    [Test]
    public async Task Missing_keys_user_keys_on_admin_endpoints_and_exhausted_limits_answer_in_the_seed_shape()
    {
        var userKey = await CreateUserKeyAsync(requestsPerMinute: 1);

        var anonymous = await _client.ReadAsync("/inference/supported-tasks");
        var wrongKey = await _client.SendAsync(HttpMethod.Get, "/inference/supported-tasks", apiKey: "not-a-key");
        var forbidden = await _client.SendAsync(HttpMethod.Post, "/inference/clear-cache", apiKey: userKey);
        var allowed = await _client.SendAsync(HttpMethod.Get, "/inference/supported-tasks", apiKey: userKey);
        var limited = await _client.SendAsync(HttpMethod.Get, "/inference/supported-tasks", apiKey: userKey);

        anonymous.AssertError(401, "UNAUTHORIZED");
        wrongKey.AssertError(401, "UNAUTHORIZED");
        forbidden.AssertError(403, "FORBIDDEN");
        allowed.AssertOk();
        limited.AssertError(429, "RESOURCE_EXHAUSTED");
        Assert.That(limited.Response.Headers.RetryAfter, Is.Not.Null);
    }

    private async Task<string> CreateUserKeyAsync(int requestsPerMinute)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/llm/keys")
        {
            Content = JsonContent.Create(new { name = "inference-user", role = "user", requests_per_minute = requestsPerMinute }),
        };
        request.Headers.Add("X-API-Key", AdminKey);
        using var response = await _client.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.That((int)response.StatusCode, Is.EqualTo(201), body.ToJsonString());
        return body["key"]!.GetValue<string>();
    }
}
