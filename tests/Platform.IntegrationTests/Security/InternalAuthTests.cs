using System.Net;
using System.Text.Json.Nodes;
using Platform.AppHost.Local;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Security;

/// <summary>
/// With `Internal:Token` configured, Jobs and the TransformerWorker answer only calls that carry it (health probes
/// excepted), each refusal a 401 in its API's error shape; a Gateway given the same token still reaches them. A Gateway
/// on a public address refuses to let provider base URLs reach loopback.
/// </summary>
public sealed class InternalAuthTests
{
    private const string Token = "internal-token-for-security-tests";
    private readonly List<ServiceProcess> _processes = [];

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }
    }

    [Test]
    public async Task Jobs_refuses_calls_without_the_token_and_the_gateway_passes_it()
    {
        var jobs = await StartAsync(ServiceKind.Jobs, new Dictionary<string, string> { ["Internal__Token"] = Token });
        var gateway = await StartAsync(ServiceKind.Gateway, new Dictionary<string, string>
        {
            ["Internal__Token"] = Token,
            ["Services__Jobs__BaseUrl"] = jobs.BaseAddress!.ToString(),
        });

        using var anonymous = await jobs.GetAsync("/api/v1/ai/batch");
        using var wrong = await SendAsync(jobs, "/api/v1/ai/batch", "not-the-token");
        using var right = await SendAsync(jobs, "/api/v1/ai/batch", Token);
        using var health = await jobs.GetAsync("/health/ready");
        using var throughGateway = await gateway.GetAsync("/api/v1/ai/batch");

        var refusal = JsonNode.Parse(await anonymous.Content.ReadAsStringAsync())!;
        Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(refusal["error"]!.GetValue<string>(), Is.EqualTo("Unauthorized"), "seed 000's {error, message, details}");
        Assert.That(refusal["message"]!.GetValue<string>(), Does.Contain("X-Platform-Internal-Token").And.Not.Contain(Token));
        Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(right.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(throughGateway.StatusCode, Is.EqualTo(HttpStatusCode.OK), await throughGateway.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task The_transformer_worker_refuses_calls_without_the_token()
    {
        var worker = await StartAsync(ServiceKind.TransformerWorker, new Dictionary<string, string> { ["Internal__Token"] = Token });

        using var anonymous = await worker.GetAsync("/api/v1/status");
        using var completions = await worker.GetAsync("/v1/models");
        using var right = await SendAsync(worker, "/api/v1/status", Token);
        using var health = await worker.GetAsync("/health/live");

        var refusal = JsonNode.Parse(await anonymous.Content.ReadAsStringAsync())!;
        Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(refusal["error_code"]!.GetValue<string>(), Is.EqualTo("UNAUTHORIZED"), "seed 002's {detail, error_code, timestamp}");
        Assert.That(refusal["detail"]!.GetValue<string>(), Does.Contain("X-Platform-Internal-Token"));
        Assert.That(completions.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(right.StatusCode, Is.Not.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_gateway_on_a_public_address_refuses_to_start_with_loopback_base_urls_allowed()
    {
        await using var gateway = PlatformFixture.Stack.StartExtra(ServiceKind.Gateway, $"http://0.0.0.0:{FreePort.Next()}", new Dictionary<string, string>
        {
            ["Auth__ApiKeys__0"] = "public-gateway-key",
            ["Providers__AllowLoopback"] = "true",
        });

        var failure = Assert.ThrowsAsync<InvalidOperationException>(() =>
            gateway.WaitReadyAsync(new Uri("http://127.0.0.1:1/health/ready"), TimeSpan.FromSeconds(60)));

        Assert.That(failure!.Message, Does.Contain("Providers:AllowLoopback"));
    }

    private async Task<HttpClient> StartAsync(ServiceKind kind, Dictionary<string, string> settings)
    {
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var process = PlatformFixture.Stack.StartExtra(kind, url.ToString(), settings);
        _processes.Add(process);
        await process.WaitReadyAsync(new Uri(url, "health/ready"), TimeSpan.FromSeconds(90));
        return new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string path, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Platform-Internal-Token", token);
        return client.SendAsync(request);
    }
}
