using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using Npgsql;
using Platform.AppHost.Local;
using Platform.IntegrationTests.Infrastructure;
using static Platform.IntegrationTests.Interactive.SocketMessages;

namespace Platform.IntegrationTests.Security;

/// <summary>
/// A key's WebSocket connection limit counts its connections on every Gateway replica, and the slots of a replica that
/// was killed with connections open are free again once their leases expire.
/// </summary>
public sealed class ReplicaSocketLimitTests
{
    private const string Database = "security_socket_replicas";
    private const int MaxConnections = 2;
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(3);
    private SecuredGateways _gateways = null!;
    private Dictionary<string, string> _settings = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _settings = new Dictionary<string, string>
        {
            ["Realtime__MaxConnectionsPerKey"] = MaxConnections.ToString(CultureInfo.InvariantCulture),
            ["Realtime__LeaseDuration"] = LeaseDuration.ToString(),
        };
        _gateways = await SecuredGateways.StartAsync(Database, replicas: 2, _settings);
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _gateways.DisposeAsync();

    [Test]
    public async Task A_key_holds_its_connection_limit_over_both_replicas_together()
    {
        var (_, key) = await _gateways.CreateKeyAsync("sockets-on-two-replicas");
        var first = await ConnectAsync(_gateways.Urls[0], key);
        using var second = await ConnectAsync(_gateways.Urls[1], key);

        var refusedHere = Assert.ThrowsAsync<WebSocketException>(() => ConnectAsync(_gateways.Urls[0], key));
        var refusedThere = Assert.ThrowsAsync<WebSocketException>(() => ConnectAsync(_gateways.Urls[1], key));
        first.Dispose();
        await Task.Delay(500);
        using var again = await ConnectAsync(_gateways.Urls[1], key);

        Assert.That(refusedHere!.Message, Does.Contain("429"));
        Assert.That(refusedThere!.Message, Does.Contain("429"));
        Assert.That(again.State, Is.EqualTo(WebSocketState.Open), "a connection closed on one replica gives its slot back to the other");
    }

    [Test]
    public async Task A_killed_replicas_connections_free_their_slots_when_their_leases_expire()
    {
        var (_, key) = await _gateways.CreateKeyAsync("sockets-on-a-doomed-replica");
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var doomedSettings = new Dictionary<string, string>(_settings)
        {
            ["ConnectionStrings__postgres"] = new NpgsqlConnectionStringBuilder(PlatformFixture.Stack.DatabaseConnectionString) { Database = Database }.ConnectionString,
            ["Auth__ApiKeys__0"] = SecuredGateways.AdminKey,
        };
        await using var doomed = PlatformFixture.Stack.StartExtra(ServiceKind.Gateway, url.ToString(), doomedSettings);
        await doomed.WaitReadyAsync(new Uri(url, "health/ready"), TimeSpan.FromSeconds(90));
        var held = new[] { await ConnectAsync(url, key), await ConnectAsync(url, key) };

        var refused = Assert.ThrowsAsync<WebSocketException>(() => ConnectAsync(_gateways.Urls[0], key));
        doomed.Kill();
        var clock = Stopwatch.StartNew();
        ClientWebSocket? after = null;
        while (after is null && clock.Elapsed < 5 * LeaseDuration)
        {
            await Task.Delay(250);
            after = await TryConnectAsync(_gateways.Urls[0], key);
        }

        TestContext.Progress.WriteLine($"Slots of the killed replica free after {clock.Elapsed.TotalSeconds:F1} s (lease {LeaseDuration.TotalSeconds} s)");
        Assert.That(refused!.Message, Does.Contain("429"), "the doomed replica's connections counted on the others");
        Assert.That(after?.State, Is.EqualTo(WebSocketState.Open), "the killed replica's slots came free");
        after?.Dispose();
        Array.ForEach(held, socket => socket.Dispose());
    }

    private static async Task<ClientWebSocket?> TryConnectAsync(Uri gateway, string key)
    {
        try
        {
            return await ConnectAsync(gateway, key);
        }
        catch (WebSocketException)
        {
            return null;
        }
    }
}
