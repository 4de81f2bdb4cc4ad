using System.Net;
using System.Text.Json.Nodes;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.Security;

namespace Platform.IntegrationTests.Gateway;

/// <summary>
/// A Gateway whose Jobs and TransformerWorker are not running: every forwarded prefix, listed route or not, answers 503
/// in its API's error shape, with the message of the service that is down.
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
