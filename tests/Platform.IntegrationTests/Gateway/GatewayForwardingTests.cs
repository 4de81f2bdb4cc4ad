using System.Net;
using System.Text.Json.Nodes;
using Platform.AppHost.Local;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Gateway;

public sealed class GatewayForwardingTests
{
    [Test]
    public async Task Answers_503_in_the_api_error_shape_when_the_jobs_service_is_unreachable()
    {
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        await using var gateway = PlatformFixture.Stack.StartExtra(ServiceKind.Gateway, url.ToString(), new Dictionary<string, string>
        {
            ["Services__Jobs__BaseUrl"] = $"http://127.0.0.1:{FreePort.Next()}/",
        });
        await gateway.WaitReadyAsync(new Uri(url, "health/ready"), TimeSpan.FromSeconds(60));
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = url };

        using var response = await client.GetAsync("/api/v1/ai/batch");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.That(json["error"]!.GetValue<string>(), Is.EqualTo("Service Unavailable"));
        Assert.That(json["message"]!.GetValue<string>(), Is.EqualTo("The batch-job service is not reachable; try again shortly"));
    }
}
