using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Platform.AppHost.Local;

/// <summary>
/// A private RabbitMQ node run from the machine's own installation, with its management plugin,
/// listening on 127.0.0.1 only. Everything it writes lives under <c>&lt;dataRoot&gt;/rabbitmq</c>; its
/// node name comes from that path, so its mnesia directory (durable queues and messages) is found
/// again by the next run. It gets an epmd of its own on a private port, which it stops with it.
/// </summary>
public sealed class RabbitMqServer : ILocalServer
{
    private const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    private const int MaxStartAttempts = 3;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan EpmdStopTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private readonly string _root;
    private readonly string _nodeName;
    private readonly int _distributionPort;
    private readonly int _epmdPort;
    private readonly Action<string> _log;
    private ChildProcess? _epmd;
    private ChildProcess? _broker;

    private RabbitMqServer(string root, string nodeName, Action<string> log)
    {
        _root = root;
        _nodeName = nodeName;
        _log = log;
        Port = FreePort.Next();
        ManagementPort = FreePort.Next();
        _distributionPort = FreePort.Next();
        _epmdPort = FreePort.Next();
    }

    public int Port { get; }

    /// <summary>The management UI and HTTP API (guest/guest).</summary>
    public int? ManagementPort { get; }

    public string ConnectionString => $"amqp://guest:guest@127.0.0.1:{Port}/";

    private string BrokerPidFile => Path.Combine(_root, "rabbitmq.pid");

    private string EpmdPidFile => Path.Combine(_root, "epmd.pid");

    // The broker's command line carries its HOME, which is under root: that tells our node from others.
    private string BrokerMarker => Path.Combine(_root, "home");

    /// <summary>The broker node's process id while it runs.</summary>
    public int? ProcessId => PidFile.FindLive(BrokerPidFile, BrokerMarker);

    /// <summary>Starts the node on free ports and waits until it accepts AMQP connections.</summary>
    public static async Task<RabbitMqServer> StartAsync(string dataRoot, Action<string> log, CancellationToken ct = default)
    {
        if (!File.Exists(ServerScript))
        {
            throw new InvalidOperationException($"{ServerScript} not found (apt-get install rabbitmq-server).");
        }
        dataRoot = Path.GetFullPath(dataRoot);
        for (var attempt = 1; ; attempt++)
        {
            var server = new RabbitMqServer(Path.Combine(dataRoot, "rabbitmq"), $"platform-{PathHash.Of(dataRoot)}@localhost", log);
            Directory.CreateDirectory(server._root);
            await PidFile.StopLeftoverAsync(server.BrokerPidFile, server.BrokerMarker, "the RabbitMQ node", StopTimeout, log);
            await PidFile.StopLeftoverAsync(server.EpmdPidFile, "epmd", "its epmd", EpmdStopTimeout, log);
            try
            {
                await server.StartProcessesAsync(ct);
                return server;
            }
            // A port found free can be taken (by any process's outgoing connection) before the node binds it.
            catch (InvalidOperationException e) when (attempt < MaxStartAttempts && e.Message.Contains("eaddrinuse", StringComparison.Ordinal))
            {
                log($"a port chosen for it was taken before it could listen; starting again on other ports (attempt {attempt + 1} of {MaxStartAttempts})");
            }
        }
    }

    /// <summary>Stops the node gracefully (SIGTERM: queues and messages are saved), then its epmd.</summary>
    public async Task StopAsync()
    {
        if (_broker is not null)
        {
            await _broker.StopAsync(StopTimeout);
            _broker.Dispose();
            _broker = null;
            _log("stopped");
        }
        if (_epmd is not null)
        {
            await _epmd.StopAsync(EpmdStopTimeout);
            _epmd.Dispose();
            _epmd = null;
            File.Delete(EpmdPidFile);
        }
    }

    /// <summary>Stops the node and starts it again with the same name, ports and data.</summary>
    public async Task RestartAsync(CancellationToken ct = default)
    {
        await StopAsync();
        await StartAgainAsync(ct);
    }

    /// <summary>Starts a node stopped by <see cref="StopAsync"/> again, with the same name, ports and data.</summary>
    public Task StartAgainAsync(CancellationToken ct = default) => StartProcessesAsync(ct);

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task StartProcessesAsync(CancellationToken ct)
    {
        try
        {
            var home = BrokerMarker;
            Directory.CreateDirectory(home);
            await File.WriteAllTextAsync(Path.Combine(_root, "enabled_plugins"), "[rabbitmq_management].\n", ct);
            await File.WriteAllTextAsync(Path.Combine(_root, "rabbitmq.conf"), $"""
                management.tcp.ip = 127.0.0.1
                management.tcp.port = {ManagementPort}
                """, ct);

            // The node would otherwise start a shared epmd on the default port and leave it running.
            _epmd = ChildProcess.Start("epmd", ["-port", Number(_epmdPort), "-address", "127.0.0.1"], new Dictionary<string, string>(), _root);
            PidFile.Write(EpmdPidFile, _epmd.Id);
            await WaitAsync("epmd", _epmd, () => AcceptsTcpAsync(_epmdPort, ct), ct);

            var stopwatch = Stopwatch.StartNew();
            _broker = ChildProcess.Start(ServerScript, [], BrokerEnvironment(home), _root);
            await WaitAsync($"RabbitMQ (log: {Path.Combine(_root, "log", _nodeName + ".log")})", _broker, () => AcceptsAmqpAsync(ct), ct);
            _log($"node {_nodeName} ready in {stopwatch.Elapsed.TotalSeconds:0.0} s: amqp 127.0.0.1:{Port}, management http://127.0.0.1:{ManagementPort}/");
        }
        catch
        {
            await StopAsync();
            throw;
        }
    }

    private Dictionary<string, string> BrokerEnvironment(string home) => new()
    {
        ["HOME"] = home, // the Erlang cookie
        ["RABBITMQ_NODENAME"] = _nodeName,
        ["RABBITMQ_MNESIA_BASE"] = Path.Combine(_root, "mnesia"),
        ["RABBITMQ_LOG_BASE"] = Path.Combine(_root, "log"),
        ["RABBITMQ_PID_FILE"] = BrokerPidFile,
        ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
        ["RABBITMQ_NODE_PORT"] = Number(Port),
        ["RABBITMQ_DIST_PORT"] = Number(_distributionPort),
        ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_root, "enabled_plugins"),
        // Our own configuration files only: nothing from /etc/rabbitmq (absent files are fine).
        ["RABBITMQ_CONFIG_FILE"] = Path.Combine(_root, "rabbitmq.conf"),
        ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(_root, "advanced.config"),
        ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(_root, "rabbitmq-env.conf"),
        // No busy-waiting Erlang schedulers: on a node shared with PostgreSQL and the services their spinning took the
        // cores the others needed (bench/Platform.Batch.Bench, window 1,000: 471 -> 745 items a second).
        ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1} +sbwt none +sbwtdcpu none +sbwtdio none",
        ["ERL_EPMD_PORT"] = Number(_epmdPort),
    };

    private static async Task WaitAsync(string what, ChildProcess process, Func<Task<bool>> isReady, CancellationToken ct)
    {
        var elapsed = Stopwatch.StartNew();
        while (!await isReady())
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{what} exited with code {process.ExitCode}. Its last output:\n{process.Tail}");
            }
            if (elapsed.Elapsed > StartTimeout)
            {
                throw new TimeoutException($"{what} was not ready within {StartTimeout.TotalSeconds:0} s. Its last output:\n{process.Tail}");
            }
            await Task.Delay(PollInterval, ct);
        }
    }

    private static async Task<bool> AcceptsTcpAsync(int port, CancellationToken ct)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), ct);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private async Task<bool> AcceptsAmqpAsync(CancellationToken ct)
    {
        var factory = new ConnectionFactory
        {
            Uri = new Uri(ConnectionString),
            AutomaticRecoveryEnabled = false,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
        };
        try
        {
            await using var connection = await factory.CreateConnectionAsync(ct);
            return true;
        }
        catch (BrokerUnreachableException)
        {
            return false;
        }
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
