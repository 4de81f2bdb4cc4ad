using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.Models;

namespace Platform.IntegrationTests.Gateway;

/// <summary>What the seeds' own clients need of the Gateway: a public name for an upstream model, CORS, health counts, a default WebSocket model.</summary>
public sealed class SeedClientGatewayTests
{
    private static HttpClient Gateway => PlatformFixture.Stack.Gateway;

    [Test]
    public async Task A_model_registers_under_a_public_name_for_its_upstream_model()
    {
        await using var upstream = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);
        var publicName = $"team-glm-{Guid.NewGuid():N}"[..20];

        var (status, body, text) = await Gateway.SendAsync(HttpMethod.Post, "/api/v1/ai/models/register", new
        {
            model_type = "openai",
            model_name = publicName,
            version = "1.0.0",
            config = new { model_type = "openai", model_name = "glm-4", api_key = "sk-test-key", base_url = upstream.BaseUrl.ToString() },
        });
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), text);
        Assert.That(body["message"]!.GetValue<string>(), Does.Contain($"{{\"model_name\": \"{publicName}\"}}"));
        var taskIds = await Gateway.ImportNumberedTasksAsync($"public_{Guid.NewGuid():N}"[..20], 1);

        var jobId = await Gateway.SubmitAsync(new { task_ids = taskIds, ai_model_configs = new[] { new { model_name = publicName } } });
        var job = await Gateway.WaitForEndAsync(jobId, TimeSpan.FromMinutes(1));

        Assert.That(job["status"]!.GetValue<string>(), Is.EqualTo("completed"), job.ToJsonString());
        Assert.That(upstream.Calls.Select(call => call.Model), Is.EqualTo(new[] { "glm-4" }), "the public name stands for the upstream model");
    }

    [Test]
    public async Task Browser_pages_on_this_machine_may_call_the_api_and_others_may_not()
    {
        var local = await PreflightAsync("http://localhost:5173");
        var foreign = await PreflightAsync("https://elsewhere.example");

        Assert.That(local.Headers.GetValues("Access-Control-Allow-Origin"), Is.EqualTo(new[] { "http://localhost:5173" }));
        Assert.That(local.Headers.GetValues("Access-Control-Allow-Headers").Single(), Does.Contain("x-api-key").IgnoreCase);
        Assert.That(foreign.Headers.Contains("Access-Control-Allow-Origin"), Is.False, "no origin off loopback unless configured");
    }

    [Test]
    public async Task Health_counts_every_enabled_model_and_checks_its_services()
    {
        await using var upstream = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);
        var name = $"health-{Guid.NewGuid():N}"[..20];
        await Gateway.CreateModelAsync(name, upstream, "sk-test-key");
        var (status, health, text) = await Gateway.SendAsync(HttpMethod.Get, "/api/llm/health");

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), text);
        var counts = health["models"]!;
        var total = counts["healthy"]!.GetValue<int>() + counts["degraded"]!.GetValue<int>() + counts["unavailable"]!.GetValue<int>();
        Assert.That(counts["available"]!.GetValue<int>(), Is.InRange(1, total), "the enabled model just registered is available");
        Assert.That(counts["healthy"]!.GetValue<int>(), Is.GreaterThanOrEqualTo(1), "a model never called yet has nothing against it");
        Assert.That(health["services"]!["model_manager"]!.GetValue<string>(), Is.EqualTo("healthy"), "the registry's database answers");
    }

    [Test]
    public async Task A_websocket_message_without_a_model_is_answered_by_the_local_model()
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://{PlatformFixture.Stack.GatewayUrl.Authority}/ws/inference"), CancellationToken.None);
        var request = """{"type": "inference", "id": "r1", "messages": [{"role": "user", "content": "hello"}], "max_tokens": 4}""";
        await socket.SendAsync(Encoding.UTF8.GetBytes(request), WebSocketMessageType.Text, true, CancellationToken.None);

        JsonNode reply;
        do
        {
            reply = await ReceiveAsync(socket);
        }
        while (reply["type"]!.GetValue<string>() == "token");

        Assert.That(reply["type"]!.GetValue<string>(), Is.EqualTo("complete"), reply.ToJsonString());
        Assert.That(reply["model"]!.GetValue<string>(), Is.EqualTo("tiny"));
    }

    private static async Task<HttpResponseMessage> PreflightAsync(string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/llm/generate");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type,x-api-key");
        return await Gateway.SendAsync(request);
    }

    private static async Task<JsonNode> ReceiveAsync(ClientWebSocket socket)
    {
        var buffer = new byte[1 << 16];
        using var text = new MemoryStream();
        WebSocketReceiveResult received;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        do
        {
            received = await socket.ReceiveAsync(buffer, timeout.Token);
            text.Write(buffer, 0, received.Count);
        }
        while (!received.EndOfMessage);

        return JsonNode.Parse(text.ToArray())!;
    }
}
