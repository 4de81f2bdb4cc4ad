using System.Net;
using System.Text.Json.Nodes;
using Platform.AppHost.Local;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.Security;

namespace Platform.IntegrationTests.Gateway;

/// <summary>
/// Paths under a forwarded prefix reach their service whether the Gateway lists them or not: on the shared stack, a path
/// the service does not know is its 404 in the family's shape; on a Gateway whose Jobs and TransformerWorker are not
/// running, every prefix answers 503 in its API's error shape, with the message of the service that is down.
/// </summary>
public sealed class GatewayForwardingTests
{
    private SecuredGateways _gateway = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _gateway = await SecuredGateways.StartAsync("gateway_forwarding", extra: new Dictionary<string, string>
    {
        ["Services__Jobs__BaseUrl"] = $"http://127.0.0.1:{FreePort.Next()}/",
        ["Services__Transformer__BaseUrl"] = $"http://127.0.0.1:{FreePort.Next()}/",
    });

    [OneTimeTearDown]
    public async Task StopAsync() => await _gateway.DisposeAsync();

    [TestCase("/api/v1/tasks/a-task/no-such-route")]
    [TestCase("/api/v1/status/no-such-route")]
    public async Task A_path_its_service_does_not_know_is_404_in_the_family_shape(string path)
    {
        using var response = await PlatformFixture.Stack.Gateway.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), body);
        Assert.That(ErrorShapes.Problem(path, body), Is.Null);
        Assert.That(body, Does.Contain($"No endpoint at {path}"));
    }

    [Test]
    public async Task Answers_503_in_the_api_error_shape_when_the_jobs_service_is_unreachable()
    {
        using var response = await _gateway.SendAsync(HttpMethod.Get, "/api/v1/ai/batch", SecuredGateways.AdminKey);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.That(json["error"]!.GetValue<string>(), Is.EqualTo("Service Unavailable"));
        Assert.That(json["message"]!.GetValue<string>(), Is.EqualTo("The batch-job service is not reachable; try again shortly"));
    }

    // Paths the Gateway does not list are forwarded by their prefix all the same, so they too meet the service that is down.
    [TestCase("GET", "/api/v1/tasks/some-task/a-route-jobs-may-add", "The batch-job service is not reachable; try again shortly")]
    [TestCase("GET", "/hangfire/recurring", "The batch-job service is not reachable; try again shortly")]
    [TestCase("POST", "/v1/batches", "The batch service is not reachable; try again shortly")]
    [TestCase("GET", "/v1/files/file-1/a-route-jobs-may-add", "The batch service is not reachable; try again shortly")]
    [TestCase("GET", "/api/v1/status", "The transformer worker is not reachable; try again shortly")]
    [TestCase("GET", "/api/v1/health/a-probe-the-worker-may-add", "The transformer worker is not reachable; try again shortly")]
    public async Task Every_forwarded_prefix_answers_503_in_its_family_shape_when_its_service_is_down(string method, string path, string message)
    {
        using var response = await _gateway.SendAsync(new HttpMethod(method), path, SecuredGateways.AdminKey, method == "POST" ? new { } : null);
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), body);
        Assert.That(ErrorShapes.Problem(path, body), Is.Null);
        Assert.That(body, Does.Contain(message));
    }
}
