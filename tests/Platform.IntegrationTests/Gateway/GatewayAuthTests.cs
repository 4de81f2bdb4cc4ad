using System.Net;
using System.Text.Json.Nodes;
using Platform.AppHost.Local;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Gateway;

/// <summary>The Gateway's start-up rule and API-key checks, on Gateway processes of their own.</summary>
public sealed class GatewayAuthTests
{
    [Test]
    public async Task Refuses_to_start_on_a_public_address_without_api_keys()
    {
        await using var gateway = PlatformFixture.Stack.StartExtra(ServiceKind.Gateway, $"http://0.0.0.0:{FreePort.Next()}", new Dictionary<string, string>());

        var failure = Assert.ThrowsAsync<InvalidOperationException>(() =>
            gateway.WaitReadyAsync(new Uri("http://127.0.0.1:1/health/ready"), TimeSpan.FromSeconds(60)));

        Assert.That(failure!.Message, Does.Contain("without authentication").And.Contain("Auth:ApiKeys"));
    }

    [Test]
    public async Task With_api_keys_every_api_call_needs_one_and_health_stays_open()
    {
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        await using var gateway = PlatformFixture.Stack.StartExtra(ServiceKind.Gateway, url.ToString(), new Dictionary<string, string>
        {
            ["Auth__ApiKeys__0"] = "gw-key-one",
            ["Auth__ApiKeys__1"] = "gw-key-two",
        });
        await gateway.WaitReadyAsync(new Uri(url, "health/ready"), TimeSpan.FromSeconds(60));
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = url };

        using var anonymous = await client.GetAsync("/api/v1/ai/batch");
        using var wrongKey = await Send(client, "X-API-Key", "nope");
        using var headerKey = await Send(client, "X-API-Key", "gw-key-one");
        using var bearerKey = await Send(client, "Authorization", "Bearer gw-key-two");
        using var health = await client.GetAsync("/health/ready");

        Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        var error = JsonNode.Parse(await anonymous.Content.ReadAsStringAsync())!;
        Assert.That(error["error"]!.GetValue<string>(), Is.EqualTo("Unauthorized"));
        Assert.That(error["message"]!.GetValue<string>(), Does.Contain("X-API-Key"));
        Assert.That(wrongKey.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(JsonNode.Parse(await wrongKey.Content.ReadAsStringAsync())!["message"]!.GetValue<string>(), Is.EqualTo("The API key is not valid"));
        Assert.That(headerKey.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(bearerKey.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, string header, string value)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/ai/batch");
        request.Headers.TryAddWithoutValidation(header, value);
        return client.SendAsync(request);
    }
}
