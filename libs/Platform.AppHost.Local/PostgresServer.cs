using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace Platform.AppHost.Local;

/// <summary>
/// A private PostgreSQL cluster run from the machine's own binaries, listening on 127.0.0.1 only.
/// Its superuser is <c>platform</c>, with a random password generated at initdb and kept in
/// <c>&lt;dataRoot&gt;/secrets/postgres-password</c>.
/// </summary>
public sealed partial class PostgresServer : ILocalServer
{
    private const string DatabaseName = "platform";
    private const string UserName = "platform";
    private const string OsUser = "postgres";
    private const string BinariesRoot = "/usr/lib/postgresql";
    private const string RuntimeSettingsFile = "platform.conf";
    private const int MaxUnixSocketPath = 107;
    private const int TimeoutSeconds = 90;

    private readonly string _binDirectory;
    private readonly string _clusterRoot;
    private readonly string _password;
    private readonly Action<string> _log;

    private PostgresServer(string binDirectory, string clusterRoot, string password, int port, Action<string> log)
    {
        _binDirectory = binDirectory;
        _clusterRoot = clusterRoot;
        _password = password;
        _log = log;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The connection string of the database <c>platform</c>.</summary>
    public string ConnectionString => ConnectionStringFor(DatabaseName);

    private string DataDirectory => Path.Combine(_clusterRoot, "data");

    private string LogFile => Path.Combine(_clusterRoot, "postgres.log");

    private string PidFilePath => Path.Combine(DataDirectory, "postmaster.pid");

    /// <summary>The postmaster's process id while the server runs (each connection is a child process of it).</summary>
    public int? ProcessId => PidFile.FindLive(PidFilePath, DataDirectory);

    /// <summary>Initializes the cluster under <paramref name="dataRoot"/> if needed, starts it on a free port and creates the database <c>platform</c> if missing.</summary>
    public static async Task<PostgresServer> StartAsync(string dataRoot, Action<string> log, CancellationToken ct = default)
    {
        dataRoot = Path.GetFullPath(dataRoot);
        var binDirectory = FindBinDirectory();
        var clusterRoot = await PrepareClusterRootAsync(dataRoot, log, ct);
        var initialized = File.Exists(Path.Combine(clusterRoot, "data", "PG_VERSION"));
        var passwordFile = Path.Combine(dataRoot, "secrets", "postgres-password");
        if (initialized && !File.Exists(passwordFile))
        {
            throw new InvalidOperationException(
                $"The PostgreSQL cluster in {clusterRoot} exists but its password file {passwordFile} is gone; delete {clusterRoot} to start afresh.");
        }
        var password = SecretFile.ReadOrCreate(passwordFile, () => SecretFile.RandomHex(24));

        var server = new PostgresServer(binDirectory, clusterRoot, password, FreePort.Next(), log);
        try
        {
            await server.StopLeftoverAsync(ct);
            if (!initialized)
            {
                await server.InitializeAsync(ct);
            }
            await server.StartServerAsync(ct);
            await server.CreateDatabaseIfMissingAsync(ct);
        }
        catch
        {
            await server.StopAsync();
            throw;
        }
        return server;
    }

    /// <summary>Creates the database <paramref name="name"/>, dropping any earlier one of that name, and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken ct = default)
    {
        if (!DatabaseNamePattern().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a plain database name (letters, digits, underscores; at most 63).", nameof(name));
        }
        await using var connection = await OpenMaintenanceConnectionAsync(ct);
        await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", ct);
        await ExecuteAsync(connection, $"CREATE DATABASE \"{name}\"", ct);
        return ConnectionStringFor(name);
    }

    /// <summary>Stops the server gracefully, if it runs.</summary>
    public async Task StopAsync()
    {
        if (PidFile.FindLive(PidFilePath, DataDirectory) is null)
        {
            return;
        }
        var result = await StopServerAsync(CancellationToken.None);
        _log(result.Succeeded ? "stopped" : $"pg_ctl stop failed: {result.Output.Trim()}");
    }

    /// <summary>Stops the server and starts it again on the same port.</summary>
    public async Task RestartAsync(CancellationToken ct = default)
    {
        await StopAsync();
        await StartServerAsync(ct);
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private static string FindBinDirectory() =>
        (Directory.Exists(BinariesRoot) ? Directory.GetDirectories(BinariesRoot) : [])
        .Select(dir => (Version: int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out var v) ? v : -1, Bin: Path.Combine(dir, "bin")))
        .Where(candidate => File.Exists(Path.Combine(candidate.Bin, "pg_ctl")))
        .OrderByDescending(candidate => candidate.Version)
        .Select(candidate => candidate.Bin)
        .FirstOrDefault()
        ?? throw new InvalidOperationException($"No PostgreSQL binaries under {BinariesRoot}/*/bin (apt-get install postgresql).");

    /// <summary>
    /// The directory holding the cluster: <c>&lt;dataRoot&gt;/postgres</c>. As root, the server runs as the
    /// postgres user, which must be able to reach it; if it cannot (the repository under /root, say),
    /// the cluster goes to a directory of its own under /var/tmp instead.
    /// </summary>
    private static async Task<string> PrepareClusterRootAsync(string dataRoot, Action<string> log, CancellationToken ct)
    {
        var preferred = Path.Combine(dataRoot, "postgres");
        Directory.CreateDirectory(preferred);
        if (!Posix.IsRoot)
        {
            return preferred;
        }
        await GiveToOsUserAsync(preferred, ct);
        if (await OsUserCanWriteAsync(preferred, ct))
        {
            return preferred;
        }

        // A private temporary directory (0700, as Directory.CreateTempSubdirectory makes) is the usual
        // obstacle; letting others traverse it (not list it) is enough.
        var mode = File.GetUnixFileMode(dataRoot);
        if (!mode.HasFlag(UnixFileMode.OtherExecute))
        {
            File.SetUnixFileMode(dataRoot, mode | UnixFileMode.OtherExecute);
            if (await OsUserCanWriteAsync(preferred, ct))
            {
                log($"made {dataRoot} traversable by the {OsUser} user");
                return preferred;
            }
        }

        var fallback = Path.Combine("/var/tmp", $"platform-{PathHash.Of(dataRoot)}", "postgres");
        log($"the {OsUser} user cannot reach {preferred}: the cluster lives in {fallback} instead");
        if (!Directory.EnumerateFileSystemEntries(preferred).Any())
        {
            Directory.Delete(preferred);
        }
        Directory.CreateDirectory(fallback);
        await GiveToOsUserAsync(fallback, ct);
        return fallback;
    }

    private static async Task GiveToOsUserAsync(string path, CancellationToken ct) =>
        (await Command.RunAsync("chown", [$"{OsUser}:{OsUser}", path], ct)).EnsureSuccess();

    private static async Task<bool> OsUserCanWriteAsync(string directory, CancellationToken ct) =>
        (await Command.RunAsync("runuser", ["-u", OsUser, "--", "test", "-w", directory, "-a", "-x", directory], ct)).Succeeded;

    /// <summary>A previous run killed without cleaning up may have left its server running: stop it, or drop its stale pid file.</summary>
    private async Task StopLeftoverAsync(CancellationToken ct)
    {
        if (PidFile.FindLive(PidFilePath, DataDirectory) is { } pid)
        {
            _log($"stopping the server (pid {pid}) left running by a previous run");
            (await StopServerAsync(ct)).EnsureSuccess();
        }
        else if (File.Exists(PidFilePath))
        {
            File.Delete(PidFilePath);
        }
    }

    private async Task InitializeAsync(CancellationToken ct)
    {
        if (Directory.Exists(DataDirectory))
        {
            _log($"removing {DataDirectory}, left incomplete by an interrupted initdb");
            Directory.Delete(DataDirectory, recursive: true);
        }
        _log($"initdb {DataDirectory}");
        // initdb reads the password from a file, which the postgres user must be able to read.
        var passwordFile = Path.Combine(_clusterRoot, "initdb-password");
        SecretFile.WriteOwnerOnly(passwordFile, _password);
        try
        {
            if (Posix.IsRoot)
            {
                await GiveToOsUserAsync(passwordFile, ct);
            }
            (await RunToolAsync("initdb",
            [
                "-D", DataDirectory, "--username", UserName, "--pwfile", passwordFile,
                "--auth", "scram-sha-256", "--encoding", "UTF8", "--no-locale",
            ], ct)).EnsureSuccess();
        }
        finally
        {
            File.Delete(passwordFile);
        }
        // Settings that change with the run (the port, the paths) go into a file rewritten at each start.
        await File.AppendAllTextAsync(Path.Combine(DataDirectory, "postgresql.conf"), $"\ninclude = '{RuntimeSettingsFile}'\n", ct);
    }

    private async Task StartServerAsync(CancellationToken ct)
    {
        // A Unix socket path has a length limit; past it, the server listens on TCP only.
        var socketDirectory = _clusterRoot.Length + "/.s.PGSQL.65535".Length <= MaxUnixSocketPath ? _clusterRoot : "";
        await File.WriteAllTextAsync(Path.Combine(DataDirectory, RuntimeSettingsFile), $"""
            port = {Port}
            listen_addresses = '127.0.0.1'
            unix_socket_directories = '{socketDirectory.Replace("'", "''", StringComparison.Ordinal)}'
            max_connections = 200
            """, ct);
        var result = await RunToolAsync("pg_ctl", ["start", "-w", "-t", Seconds(TimeoutSeconds), "-D", DataDirectory, "-l", LogFile], ct);
        if (!result.Succeeded)
        {
            var serverLog = File.Exists(LogFile) ? string.Join('\n', File.ReadLines(LogFile).TakeLast(20)) : "(no log)";
            throw new InvalidOperationException($"PostgreSQL did not start: {result.Output.Trim()}\n{LogFile}:\n{serverLog}");
        }
        _log($"listening on 127.0.0.1:{Port} (data {DataDirectory})");
    }

    /// <summary>Fast shutdown: sessions are ended, committed work is kept.</summary>
    private Task<CommandResult> StopServerAsync(CancellationToken ct) =>
        RunToolAsync("pg_ctl", ["stop", "-w", "-t", Seconds(TimeoutSeconds), "-m", "fast", "-D", DataDirectory], ct);

    private async Task CreateDatabaseIfMissingAsync(CancellationToken ct)
    {
        await using var connection = await OpenMaintenanceConnectionAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection)
        {
            Parameters = { new() { Value = DatabaseName } },
        };
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            await ExecuteAsync(connection, $"CREATE DATABASE \"{DatabaseName}\"", ct);
            _log($"created database {DatabaseName}");
        }
    }

    private async Task<NpgsqlConnection> OpenMaintenanceConnectionAsync(CancellationToken ct)
    {
        // Unpooled: an idle pooled connection would outlive a restart of the server as a broken one.
        var builder = new NpgsqlConnectionStringBuilder(ConnectionStringFor("postgres")) { Pooling = false };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    private string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Database = database,
        Username = UserName,
        Password = _password,
    }.ConnectionString;

    /// <summary>Runs a PostgreSQL tool, as the postgres user when this process is root (initdb and postgres refuse root).</summary>
    private Task<CommandResult> RunToolAsync(string tool, IEnumerable<string> arguments, CancellationToken ct)
    {
        var path = Path.Combine(_binDirectory, tool);
        return Posix.IsRoot
            ? Command.RunAsync("runuser", ["-u", OsUser, "--", path, .. arguments], ct)
            : Command.RunAsync(path, arguments, ct);
    }

    private static string Seconds(int seconds) => seconds.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex DatabaseNamePattern();
}
