using System.Net.WebSockets;
using System.Text.Json.Nodes;
using static Platform.IntegrationTests.Interactive.SocketMessages;

namespace Platform.IntegrationTests.Interactive;

/// <summary>`/ws/inference`: several requests on one connection, tokens as they come, errors without losing the connection.</summary>
public sealed class InferenceSocketTests
{
    private static InteractiveGateway Stack => InteractiveFixture.Stack;

    [Test]
    public async Task Streams_tokens_then_complete_and_serves_several_requests_on_one_connection()
    {
        using var socket = await ConnectAsync();

        await SendAsync(socket, new { type = "inference", id = "first", text = "深度学习是人工智能的重要分支", model = "chat-model", stream = true });
        var first = await ReceiveUntilEndAsync(socket);
        await SendAsync(socket, "{this is not json");
        var badJson = await ReceiveAsync(socket);
        await SendAsync(socket, new { type = "inference", id = "second", messages = new[] { new { role = "user", content = "again" } }, model = "chat-model", stream = false });
        var second = await ReceiveUntilEndAsync(socket);

        var tokens = first.Where(message => message["type"]!.GetValue<string>() == "token").ToList();
        Assert.That(tokens.Count, Is.GreaterThan(1));
        Assert.That(string.Concat(tokens.Select(token => token["content"]!.GetValue<string>())), Is.EqualTo(FakeOpenAiUpstream.Answer));
        Assert.That(tokens.All(token => token["request_id"]!.GetValue<string>() == "first"), Is.True);
        var complete = first[^1];
        Assert.That(complete["type"]!.GetValue<string>(), Is.EqualTo("complete"));
        Assert.That(complete["result"]!.GetValue<string>(), Is.EqualTo(FakeOpenAiUpstream.Answer));
        Assert.That(complete["usage"]!["total_tokens"]!.GetValue<int>(), Is.EqualTo(FakeUpstream.PromptTokens + FakeUpstream.CompletionTokens));
        Assert.That(badJson["type"]!.GetValue<string>(), Is.EqualTo("error"));
        Assert.That(badJson["error"]!["code"]!.GetValue<string>(), Is.EqualTo("INVALID_REQUEST"));
        Assert.That(second, Has.Count.EqualTo(1));
        Assert.That(second[0]["type"]!.GetValue<string>(), Is.EqualTo("complete"));
        Assert.That(second[0]["request_id"]!.GetValue<string>(), Is.EqualTo("second"));
        Assert.That(socket.State, Is.EqualTo(WebSocketState.Open));
    }

    [Test]
    public async Task Model_failures_and_invalid_requests_are_error_messages()
    {
        using var socket = await ConnectAsync();

        await SendAsync(socket, new { type = "inference", text = "hi", model = "limited-model" });
        var limited = await ReceiveAsync(socket);
        await SendAsync(socket, new { type = "inference", model = "chat-model" });
        var noText = await ReceiveAsync(socket);
        await SendAsync(socket, new { type = "inference", text = "hi", model = "no-such-model" });
        var unknown = await ReceiveAsync(socket);

        Assert.That(limited["type"]!.GetValue<string>(), Is.EqualTo("error"));
        Assert.That(limited["error"]!["code"]!.GetValue<string>(), Is.EqualTo("RATE_LIMIT_EXCEEDED"));
        Assert.That(limited["error"]!["details"]!["retry_after"]!.GetValue<int>(), Is.InRange(1, InteractiveGateway.RetryAfterSeconds), InteractiveGateway.BackOffNote);
        Assert.That(noText["error"]!["details"]!["field"]!.GetValue<string>(), Is.EqualTo("messages"));
        Assert.That(unknown["error"]!["code"]!.GetValue<string>(), Is.EqualTo("MODEL_NOT_FOUND"));
    }

    [Test]
    public async Task A_client_that_disconnects_mid_answer_cancels_the_upstream_call()
    {
        var upstream = Stack.SlowStreams["slow-ws"];
        var socket = await ConnectAsync();
        await SendAsync(socket, new { type = "inference", text = "talk for a long time", model = "slow-ws" });
        var token = await ReceiveAsync(socket);
        Assert.That(token["type"]!.GetValue<string>(), Is.EqualTo("token"));

        socket.Abort();
        socket.Dispose();

        var observed = await Task.WhenAny(upstream.ClientAborted.Task, Task.Delay(TimeSpan.FromSeconds(20)));
        Assert.That(observed, Is.SameAs(upstream.ClientAborted.Task), "the upstream request was not dropped when the client left");
    }

    [Test]
    public async Task A_plain_http_request_is_told_to_use_websocket()
    {
        using var response = await Stack.Client.GetAsync("/ws/inference");

        Assert.That((int)response.StatusCode, Is.EqualTo(400));
        Assert.That(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["message"]!.GetValue<string>(), Does.Contain("WebSocket"));
    }

    private static async Task<ClientWebSocket> ConnectAsync()
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://{Stack.Url.Authority}/ws/inference"), CancellationToken.None);
        return socket;
    }

    private static async Task<List<JsonNode>> ReceiveUntilEndAsync(ClientWebSocket socket)
    {
        var messages = new List<JsonNode>();
        do
        {
            messages.Add(await ReceiveAsync(socket));
        }
        while (messages[^1]["type"]!.GetValue<string>() == "token");

        return messages;
    }
}
