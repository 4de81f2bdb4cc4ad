using System.Collections.Concurrent;
using System.Security.Cryptography;
using Platform.AppHost.Local;

namespace Platform.IntegrationTests.Infrastructure;

/// <summary>
/// The platform as it really runs: PostgreSQL and RabbitMQ servers from the machine's binaries, and
/// Jobs, two ProviderWorker replicas, two TransformerWorker replicas and Gateway as separate processes. Timings are shortened (retry
/// backoff, sweep interval, lease grace) so that failure drills finish in seconds.
/// </summary>
public sealed class RunningPlatform : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);
    private readonly string _dataRoot;
    private readonly List<ServiceProcess> _services = [];

    private RunningPlatform(string dataRoot, PostgresServer postgres, RabbitMqServer rabbit, string databaseConnection)
    {
        _dataRoot = dataRoot;
        Postgres = postgres;
        Rabbit = rabbit;
        DatabaseConnectionString = databaseConnection;
    }

    public PostgresServer Postgres { get; }
    public RabbitMqServer Rabbit { get; }
    public string DatabaseConnectionString { get; }
    public string EncryptionKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>Every line every service printed, prefixed with its name.</summary>
    public ConcurrentQueue<string> Output { get; } = new();

    public HttpClient Gateway { get; private set; } = null!;
    public Uri GatewayUrl { get; private set; } = null!;
    public Uri JobsUrl { get; private set; } = null!;
    public const int WorkerReplicas = 2;

    /// <summary>Running ProviderWorker replicas; tests may kill or stop them and start new ones.</summary>
    public List<ServiceProcess> Workers { get; } = [];

    /// <summary>The local model every TransformerWorker serves by name: small, so that tests stay fast.</summary>
    public const string LocalModelName = "tiny";
    public const string LocalModelConfig = """{"vocab_size": 512, "context_size": 1024, "n_layer": 2, "n_head": 4, "n_embed": 64}""";

    /// <summary>Addresses of the TransformerWorker replicas; the Gateway forwards to the first.</summary>
    public List<Uri> TransformerWorkerUrls { get; } = [];

    public static async Task<RunningPlatform> StartAsync()
    {
        var dataRoot = Path.Combine(Path.GetTempPath(), $"platform-tests-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataRoot);
        var log = (string line) => TestContext.Progress.WriteLine(line);
        var postgresStart = PostgresServer.StartAsync(Path.Combine(dataRoot, "postgres"), log);
        var rabbitStart = RabbitMqServer.StartAsync(Path.Combine(dataRoot, "rabbitmq"), log);
        var postgres = await postgresStart;
        var rabbit = await rabbitStart;
        var database = await postgres.CreateDatabaseAsync("platform_tests");

        var stack = new RunningPlatform(dataRoot, postgres, rabbit, database);
        try
        {
            await stack.StartServicesAsync();
        }
        catch
        {
            // A service that cannot start (a crash at start-up) must not leave the servers and the started services running.
            await stack.DisposeAsync();
            throw;
        }

        return stack;
    }

    /// <summary>Starts one more ProviderWorker replica.</summary>
    public async Task<ServiceProcess> StartWorkerAsync()
    {
        var worker = await StartServiceAsync($"worker-{Workers.Count + 1}", "workers/ProviderWorker", "Platform.ProviderWorker");
        Workers.Add(worker);
        return worker;
    }

    /// <summary>Stops every worker gracefully, so that item messages wait in their queue.</summary>
    public async Task StopWorkersAsync()
    {
        foreach (var worker in Workers)
        {
            await worker.StopAsync(TimeSpan.FromSeconds(10));
        }

        Workers.Clear();
    }

    /// <summary>
    /// Starts one more instance of a service with extra settings (for start-up rules and replicas);
    /// it does not wait for readiness, and the caller disposes it.
    /// </summary>
    public ServiceProcess StartExtra(ServiceKind kind, string url, IReadOnlyDictionary<string, string> settings)
    {
        var environment = new Dictionary<string, string>(CommonEnvironment(url))
        {
            ["Services__Jobs__BaseUrl"] = JobsUrl.ToString(),
            ["Services__Transformer__BaseUrl"] = TransformerWorkerUrls[0].ToString(),
        };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        var (projectDir, assemblyName) = kind switch
        {
            ServiceKind.Gateway => ("services/Gateway", "Platform.Gateway"),
            ServiceKind.Jobs => ("services/Jobs", "Platform.Jobs"),
            ServiceKind.ProviderWorker => ("workers/ProviderWorker", "Platform.ProviderWorker"),
            _ => ("workers/TransformerWorker", "Platform.TransformerWorker"),
        };
        return ServiceProcess.Start($"{kind.ToString().ToLowerInvariant()}-extra", RepoPaths.ServiceAssembly(projectDir, assemblyName),
            environment, Output.Enqueue);
    }

    public async ValueTask DisposeAsync()
    {
        Gateway?.Dispose();
        foreach (var service in Enumerable.Reverse(_services))
        {
            await service.DisposeAsync();
        }

        await Rabbit.DisposeAsync();
        await Postgres.DisposeAsync();
        Directory.Delete(_dataRoot, recursive: true);
    }

    private async Task StartServicesAsync()
    {
        for (var replica = 1; replica <= WorkerReplicas; replica++)
        {
            var transformer = await StartServiceAsync($"transformer-{replica}", "workers/TransformerWorker", "Platform.TransformerWorker",
                new Dictionary<string, string>
                {
                    [$"Transformer__Models__{LocalModelName}__Config"] = LocalModelConfig,
                    ["Transformer__MaxMemoryGb"] = "1",
                });
            TransformerWorkerUrls.Add(UrlOf(transformer));
        }

        Jobs = await StartServiceAsync("jobs", "services/Jobs", "Platform.Jobs");
        JobsUrl = UrlOf(Jobs);
        for (var replica = 0; replica < WorkerReplicas; replica++)
        {
            await StartWorkerAsync();
        }

        GatewayProcess = await StartServiceAsync("gateway", "services/Gateway", "Platform.Gateway",
            new Dictionary<string, string>
            {
                ["Services__Jobs__BaseUrl"] = JobsUrl.ToString(),
                ["Services__Transformer__BaseUrl"] = TransformerWorkerUrls[0].ToString(),
            });
        GatewayUrl = UrlOf(GatewayProcess);
        Gateway = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = GatewayUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    private readonly Dictionary<ServiceProcess, ServiceLaunch> _launches = [];

    public Uri UrlOf(ServiceProcess service) => _launches[service].Url;

    /// <summary>The Jobs service's process; <see cref="RestartAsync"/> replaces it.</summary>
    public ServiceProcess Jobs { get; private set; } = null!;

    /// <summary>The Gateway's process; <see cref="RestartAsync"/> replaces it.</summary>
    public ServiceProcess GatewayProcess { get; private set; } = null!;

    /// <summary>
    /// Ends a service (killed, or stopped gracefully) and starts it again on the same address with the same settings,
    /// as an orchestrator would; waits until it is ready.
    /// </summary>
    public async Task<ServiceProcess> RestartAsync(ServiceProcess service, bool kill)
    {
        var launch = _launches[service];
        if (kill)
        {
            service.Kill();
        }

        await service.DisposeAsync();
        _services.Remove(service);
        _launches.Remove(service);
        var restarted = Launch(launch);
        await restarted.WaitReadyAsync(new Uri(launch.Url, "health/ready"), ReadyTimeout);
        Jobs = Jobs == service ? restarted : Jobs;
        GatewayProcess = GatewayProcess == service ? restarted : GatewayProcess;
        return restarted;
    }

    private ServiceProcess Launch(ServiceLaunch launch)
    {
        var service = ServiceProcess.Start(launch.Name, RepoPaths.ServiceAssembly(launch.ProjectDir, launch.AssemblyName), launch.Environment,
            Output.Enqueue);
        _services.Add(service);
        _launches[service] = launch;
        return service;
    }

    private sealed record ServiceLaunch(string Name, string ProjectDir, string AssemblyName, Dictionary<string, string> Environment, Uri Url);

    private async Task<ServiceProcess> StartServiceAsync(string name, string projectDir, string assemblyName,
        IReadOnlyDictionary<string, string>? extra = null)
    {
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var environment = new Dictionary<string, string>(CommonEnvironment(url.ToString()));
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var service = Launch(new ServiceLaunch(name, projectDir, assemblyName, environment, url));
        await service.WaitReadyAsync(new Uri(url, "health/ready"), ReadyTimeout);
        return service;
    }

    private Dictionary<string, string> CommonEnvironment(string url) => new Dictionary<string, string>
    {
        ["ASPNETCORE_URLS"] = url,
        ["DOTNET_ENVIRONMENT"] = "Testing",
        ["ASPNETCORE_ENVIRONMENT"] = "Testing",
        ["ConnectionStrings__postgres"] = DatabaseConnectionString,
        ["ConnectionStrings__rabbitmq"] = Rabbit.ConnectionString,
        ["Secrets__EncryptionKey"] = EncryptionKey,
        ["Providers__AllowLoopback"] = "true",
        ["Providers__RetryBaseDelay"] = "00:00:00.100",
        ["Maintenance__LeaseSweepCron"] = "* * * * * *",
        ["Maintenance__CachePurgeCron"] = "*/2 * * * * *",
        ["Jobs__LeaseGrace"] = "00:00:03",
        ["Jobs__MonitorInterval"] = "00:00:01",
        ["Inference__Url"] = "", // no Gateway of the run binds seed 001's fixed port 8009; tests give theirs a free one
    }.Concat(LocalModelEnvironment).ToDictionary();

    /// <summary>Once the TransformerWorkers run, every later service reaches `model_type: local` through the first.</summary>
    private IEnumerable<KeyValuePair<string, string>> LocalModelEnvironment => TransformerWorkerUrls.Take(1)
        .Select(url => KeyValuePair.Create("Providers__LocalBaseUrl", new Uri(url, "v1/").ToString()));
}
