using Microsoft.Extensions.Configuration;
using Platform.AppHost.Local;

namespace Platform.AppHost.Orchestration;

/// <summary>What the stack needs from configuration.</summary>
internal sealed record StackSettings(
    string DataRoot,
    Uri GatewayUrl,
    string? PostgresConnectionString,
    string? RabbitMqConnectionString,
    string? OtlpEndpoint)
{
    public static StackSettings FromConfiguration(IConfiguration configuration) => new(
        configuration["DataDirectory"] is { Length: > 0 } dataDirectory ? Path.GetFullPath(dataDirectory) : Path.Combine(RepoPaths.Root, ".platform"),
        new Uri(configuration["Gateway:Url"] ?? "http://localhost:8000"),
        NullIfEmpty(configuration.GetConnectionString("postgres")),
        NullIfEmpty(configuration.GetConnectionString("rabbitmq")),
        NullIfEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]));

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

/// <summary>
/// PostgreSQL, RabbitMQ (unless existing servers are given) and the services, started in dependency
/// order and stopped in the reverse order.
/// </summary>
internal sealed class PlatformStack : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan LeftoverGrace = TimeSpan.FromSeconds(10);

    private static readonly ServiceDefinition Jobs = new("jobs", "services/Jobs", "Platform.Jobs", AnsiColor.Cyan);
    private static readonly ServiceDefinition ProviderWorker = new("provider-worker", "workers/ProviderWorker", "Platform.ProviderWorker", AnsiColor.Magenta);
    private static readonly ServiceDefinition TransformerWorker = new("transformer-worker", "workers/TransformerWorker", "Platform.TransformerWorker", AnsiColor.Red);
    private static readonly ServiceDefinition Gateway = new("gateway", "services/Gateway", "Platform.Gateway", AnsiColor.Green);

    private readonly StackSettings settings;
    private readonly ConsoleLog console;
    private readonly Action<string> log;
    private readonly List<IAsyncDisposable> started = [];
    private readonly List<string> endpoints = [];
    private bool stopping;

    private PlatformStack(StackSettings settings, ConsoleLog console)
    {
        this.settings = settings;
        this.console = console;
        log = console.For("apphost", AnsiColor.White);
    }

    public Uri GatewayUrl => settings.GatewayUrl;

    private string RunDirectory => Path.Combine(settings.DataRoot, "run");

    public static async Task<PlatformStack> StartAsync(StackSettings settings, ConsoleLog console, CancellationToken ct)
    {
        var stack = new PlatformStack(settings, console);
        try
        {
            await stack.StartAllAsync(ct);
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
        return stack;
    }

    public async ValueTask DisposeAsync()
    {
        stopping = true;
        if (started.Count > 0)
        {
            log("stopping...");
        }
        for (var i = started.Count - 1; i >= 0; i--)
        {
            await started[i].DisposeAsync();
        }
        started.Clear();
    }

    private async Task StartAllAsync(CancellationToken ct)
    {
        log($"data directory {settings.DataRoot}");
        Directory.CreateDirectory(RunDirectory);
        // Services a killed run left behind still hold their ports and their server connections.
        foreach (var service in (ServiceDefinition[])[Gateway, ProviderWorker, TransformerWorker, Jobs])
        {
            await PidFile.StopLeftoverAsync(PidFileOf(service), AssemblyOf(service), service.Name, LeftoverGrace, log);
        }

        var (postgres, rabbitMq) = await StartServersAsync(ct);
        var encryptionKey = SecretFile.ReadOrCreate(
            Path.Combine(settings.DataRoot, "secrets", "encryption.key"), () => SecretFile.RandomBase64(32));
        var environment = CommonEnvironment(postgres, rabbitMq, encryptionKey);

        var jobsUrl = LoopbackUrl();
        var transformerUrl = LoopbackUrl();
        environment["Providers__LocalBaseUrl"] = Origin(transformerUrl) + "/v1/";
        await StartServiceAsync(Jobs, jobsUrl, environment, ct);
        await StartServiceAsync(TransformerWorker, transformerUrl, environment, ct);
        await StartServiceAsync(ProviderWorker, LoopbackUrl(), environment, ct);
        await StartServiceAsync(Gateway, settings.GatewayUrl, new(environment)
        {
            ["Services__Jobs__BaseUrl"] = Origin(jobsUrl),
            ["Services__Transformer__BaseUrl"] = Origin(transformerUrl),
        }, ct);

        log("the platform is ready:");
        endpoints.ForEach(endpoint => log("  " + endpoint));
    }

    /// <summary>Starts the servers that are not given, together: RabbitMQ takes seconds, PostgreSQL less.</summary>
    private async Task<(string Postgres, string RabbitMq)> StartServersAsync(CancellationToken ct)
    {
        var postgres = settings.PostgresConnectionString is null
            ? PostgresServer.StartAsync(settings.DataRoot, console.For("postgres", AnsiColor.Blue), ct)
            : null;
        var rabbitMq = settings.RabbitMqConnectionString is null
            ? RabbitMqServer.StartAsync(settings.DataRoot, console.For("rabbitmq", AnsiColor.Yellow), ct)
            : null;
        try
        {
            await Task.WhenAll(((Task?[])[postgres, rabbitMq]).OfType<Task>());
        }
        finally
        {
            // Keep whichever did start, so that it is stopped even when the other failed.
            if (postgres is { IsCompletedSuccessfully: true })
            {
                started.Add(postgres.Result);
            }
            if (rabbitMq is { IsCompletedSuccessfully: true })
            {
                started.Add(rabbitMq.Result);
            }
        }

        if (postgres is null)
        {
            endpoints.Add("PostgreSQL       given by ConnectionStrings__postgres");
        }
        else
        {
            endpoints.Add($"PostgreSQL       Host=127.0.0.1;Port={postgres.Result.Port};Database=platform;Username=platform "
                          + $"(password in {Path.Combine(settings.DataRoot, "secrets", "postgres-password")})");
        }
        endpoints.Add(rabbitMq is null
            ? "RabbitMQ         given by ConnectionStrings__rabbitmq"
            : $"RabbitMQ         {rabbitMq.Result.ConnectionString}  management http://127.0.0.1:{rabbitMq.Result.ManagementPort}/ (guest/guest)");

        return (postgres?.Result.ConnectionString ?? settings.PostgresConnectionString!,
            rabbitMq?.Result.ConnectionString ?? settings.RabbitMqConnectionString!);
    }

    private Dictionary<string, string> CommonEnvironment(string postgres, string rabbitMq, string encryptionKey)
    {
        var environmentName = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
                              ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
                              ?? "Development";
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__postgres"] = postgres,
            ["ConnectionStrings__rabbitmq"] = rabbitMq,
            ["Secrets__EncryptionKey"] = encryptionKey,
            ["Providers__AllowLoopback"] = "true", // local mode: model base URLs on loopback (a local Ollama, a stub) are allowed
            ["DOTNET_ENVIRONMENT"] = environmentName,
            ["ASPNETCORE_ENVIRONMENT"] = environmentName,
        };
        if (settings.OtlpEndpoint is { } otlp)
        {
            environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlp;
        }
        return environment;
    }

    private async Task StartServiceAsync(ServiceDefinition service, Uri url, Dictionary<string, string> environment, CancellationToken ct)
    {
        var serviceEnvironment = new Dictionary<string, string>(environment)
        {
            ["ASPNETCORE_URLS"] = Origin(url),
            ["OTEL_SERVICE_NAME"] = service.Name,
        };
        var process = ServiceProcess.Start(service.Name, AssemblyOf(service), serviceEnvironment, console.ForTagged(service.Color));
        var pidFile = PidFileOf(service);
        PidFile.Write(pidFile, process.Id);
        started.Add(new TrackedService(process, pidFile));
        await process.WaitReadyAsync(new Uri(url, "/health/ready"), ReadyTimeout, ct);
        log($"{service.Name} is ready at {Origin(url)}");
        endpoints.Add($"{service.Name,-16} {Origin(url)}");
        _ = ReportUnexpectedExitAsync(process);
    }

    private async Task ReportUnexpectedExitAsync(ServiceProcess service)
    {
        var exitCode = await service.Exited;
        if (!stopping)
        {
            console.Error($"{service.Name} exited with code {exitCode}; the rest keeps running (Ctrl-C stops everything)");
        }
    }

    private static Uri LoopbackUrl() => new($"http://127.0.0.1:{FreePort.Next()}");

    private static string Origin(Uri url) => url.GetLeftPart(UriPartial.Authority);

    private static string AssemblyOf(ServiceDefinition service) => RepoPaths.ServiceAssembly(service.ProjectDirectory, service.AssemblyName);

    private string PidFileOf(ServiceDefinition service) => Path.Combine(RunDirectory, service.Name + ".pid");

    private sealed record ServiceDefinition(string Name, string ProjectDirectory, string AssemblyName, AnsiColor Color);

    /// <summary>A started service with its pid file, which goes once the service has stopped.</summary>
    private sealed record TrackedService(ServiceProcess Process, string PidFilePath) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Process.DisposeAsync();
            File.Delete(PidFilePath);
        }
    }
}
