using System.Net;
using Platform.AppHost.Local;
using Platform.IntegrationTests.Infrastructure;
using static Platform.IntegrationTests.Transformer.TransformerCalls;

namespace Platform.IntegrationTests.Transformer;

/// <summary>A Gateway in front of a TransformerWorker that nobody has initialized yet, and one whose worker is gone.</summary>
public sealed class FreshWorkerTests
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private readonly List<ServiceProcess> _services = [];
    private HttpClient _gateway = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var workerUrl = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var worker = PlatformFixture.Stack.StartExtra(ServiceKind.TransformerWorker, workerUrl.ToString(), new Dictionary<string, string>());
        _services.Add(worker);
        await worker.WaitReadyAsync(new Uri(workerUrl, "health/ready"), ReadyTimeout);
        _gateway = await StartGatewayAsync(workerUrl);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _gateway?.Dispose();
        foreach (var service in _services)
        {
            await service.DisposeAsync();
        }
    }

    [Test]
    public async Task Before_initialize_status_says_so_and_forward_is_MODEL_NOT_INITIALIZED()
    {
        var status = await _gateway.GetJsonAsync("/api/v1/status");
        Assert.That(status["initialized"]!.GetValue<bool>(), Is.False);
        Assert.That(status["model_info"], Is.Null);
        Assert.That(status["performance_stats"]!["total_inferences"]!.GetValue<long>(), Is.Zero);

        var answer = await _gateway.ForwardAsync(new { text = "深度学习" });

        AssertError(answer, HttpStatusCode.BadRequest, "MODEL_NOT_INITIALIZED");
        Assert.That(answer.Detail(), Does.Contain("/initialize"));
    }

    [Test]
    public async Task Before_initialize_the_health_report_shows_the_model_check_degraded()
    {
        var health = await _gateway.GetJsonAsync("/api/v1/health/health");

        Assert.That(health["checks"]!["model"]!["initialized"]!.GetValue<bool>(), Is.False);
        Assert.That(health["checks"]!["model"]!["status"]!.GetValue<string>(), Is.EqualTo("degraded"));
        Assert.That(health["status"]!.GetValue<string>(), Is.Not.EqualTo("healthy"));
    }

    [Test]
    public async Task Answers_503_in_the_seed_002_error_shape_when_the_worker_is_unreachable()
    {
        using var gateway = await StartGatewayAsync(new Uri($"http://127.0.0.1:{FreePort.Next()}/"));

        using var response = await gateway.GetAsync("/api/v1/health/ping");

        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        AssertError((response.StatusCode, body), HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE");
        Assert.That(body["detail"]!.GetValue<string>(), Is.EqualTo("The transformer worker is not reachable; try again shortly"));
    }

    private async Task<HttpClient> StartGatewayAsync(Uri transformerUrl)
    {
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var gateway = PlatformFixture.Stack.StartExtra(ServiceKind.Gateway, url.ToString(), new Dictionary<string, string>
        {
            ["Services__Transformer__BaseUrl"] = transformerUrl.ToString(),
        });
        _services.Add(gateway);
        await gateway.WaitReadyAsync(new Uri(url, "health/ready"), ReadyTimeout);
        return new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = url };
    }
}
