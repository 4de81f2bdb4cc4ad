using System.Net;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using static Platform.IntegrationTests.Interactive.SocketMessages;

namespace Platform.IntegrationTests.Security;

/// <summary>
/// `/ws/inference` holds the key's rules for its whole life: every message counts against the key's rate limit, a revoked
/// key's socket stops within the key-cache window, one key holds a limited number of connections, and pages of other
/// origins cannot connect.
/// </summary>
public sealed class RealtimeSocketLimitTests
{
    private const string Model = "socket-model";
    private const int MaxConnections = 2;
    private SecuredGateways _gateways = null!;
    private FakeOpenAiUpstream _upstream = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _upstream = await FakeOpenAiUpstream.StartAsync();
        var settings = SecuredGateways.ModelSettings(Model, _upstream.BaseUrl);
        settings["Realtime__MaxConnectionsPerKey"] = MaxConnections.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Realtime__AllowedOrigins__0"] = "https://dashboard.example";
        _gateways = await SecuredGateways.StartAsync("security_sockets", replicas: 1, settings);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _gateways.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    [Test]
    public async Task Every_message_counts_against_the_keys_rate_limit()
    {
        var (_, key) = await _gateways.CreateKeyAsync("three-a-minute", requestsPerMinute: 3);
        using var socket = await ConnectAsync(key);

        // The upgrade was the first request of the minute; two messages fit, the third does not.
        var replies = new List<JsonNode>();
        for (var i = 0; i < 3; i++)
        {
            await SendAsync(socket, new { type = "inference", id = $"m{i}", text = "hi", model = Model, stream = false });
            replies.Add(await ReceiveAsync(socket));
        }

        Assert.That(replies.Take(2).Select(reply => reply["type"]!.GetValue<string>()), Is.All.EqualTo("complete"));
        Assert.That(replies[2]["type"]!.GetValue<string>(), Is.EqualTo("error"), replies[2].ToJsonString());
        Assert.That(replies[2]["error"]!["code"]!.GetValue<string>(), Is.EqualTo("RATE_LIMIT_EXCEEDED"));
        Assert.That(replies[2]["error"]!["details"]!["retry_after"]!.GetValue<int>(), Is.InRange(1, 60));
        Assert.That(socket.State, Is.EqualTo(WebSocketState.Open), "a limited message does not end the connection");
    }

    [Test]
    public async Task A_revoked_keys_socket_stops_within_the_key_cache_window()
    {
        var (id, key) = await _gateways.CreateKeyAsync("revoked-mid-socket");
        using var socket = await ConnectAsync(key);
        await SendAsync(socket, new { type = "inference", text = "hi", model = Model, stream = false });
        var before = await ReceiveAsync(socket);

        using (var revoke = await _gateways.SendAsync(HttpMethod.Delete, $"/api/llm/keys/{id}", SecuredGateways.AdminKey))
        {
            Assert.That(revoke.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        await Task.Delay(TimeSpan.FromSeconds(1)); // Auth:KeyCacheDuration is 0.5 s here
        await SendAsync(socket, new { type = "inference", text = "hi again", model = Model, stream = false });
        var after = await ReceiveAsync(socket);
        var closing = await socket.ReceiveAsync(new byte[1024], CancellationToken.None);

        Assert.That(before["type"]!.GetValue<string>(), Is.EqualTo("complete"));
        Assert.That(after["error"]!["code"]!.GetValue<string>(), Is.EqualTo("UNAUTHORIZED"), after.ToJsonString());
        Assert.That(after["error"]!["message"]!.GetValue<string>(), Does.Contain("revoked"));
        Assert.That(closing.MessageType, Is.EqualTo(WebSocketMessageType.Close));
        Assert.That(socket.CloseStatus, Is.EqualTo(WebSocketCloseStatus.PolicyViolation));
    }

    [Test]
    public async Task One_key_holds_a_limited_number_of_connections()
    {
        var (_, key) = await _gateways.CreateKeyAsync("many-sockets");
        var open = new List<ClientWebSocket>();
        for (var i = 0; i < MaxConnections; i++)
        {
            open.Add(await ConnectAsync(key));
        }

        var refused = Assert.ThrowsAsync<WebSocketException>(() => ConnectAsync(key));
        open[0].Dispose();
        await Task.Delay(200);
        using var again = await ConnectAsync(key);

        Assert.That(refused!.Message, Does.Contain("429"));
        Assert.That(again.State, Is.EqualTo(WebSocketState.Open), "a closed connection gives its slot back");
        open.ForEach(socket => socket.Dispose());
    }

    [Test]
    public async Task Pages_of_other_origins_cannot_connect()
    {
        var (_, key) = await _gateways.CreateKeyAsync("origins");

        var foreign = Assert.ThrowsAsync<WebSocketException>(() => ConnectAsync(key, "https://evil.example"));
        using var sameOrigin = await ConnectAsync(key, $"http://{_gateways.Urls[0].Authority}");
        using var allowed = await ConnectAsync(key, "https://dashboard.example");

        Assert.That(foreign!.Message, Does.Contain("403"));
        Assert.That(sameOrigin.State, Is.EqualTo(WebSocketState.Open));
        Assert.That(allowed.State, Is.EqualTo(WebSocketState.Open));
    }

    private Task<ClientWebSocket> ConnectAsync(string key, string? origin = null) => Interactive.SocketMessages.ConnectAsync(_gateways.Urls[0], key, origin);
}
