using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.AppHost.Local;
using Platform.AppHost.Resources;
using RabbitMQ.Client;

namespace Platform.AppHost.Extensions;

/// <summary>PostgreSQL and RabbitMQ: the servers given by connection strings, or started from the machine's binaries.</summary>
public static class LocalServerExtensions
{
    public static IResourceBuilder<IResourceWithConnectionString> AddPostgresServer(
        this IDistributedApplicationBuilder builder, string name, string dataRoot) =>
        builder.AddGivenOrLocalServer(name, "PostgreSQL", dataRoot, async (log, ct) => await PostgresServer.StartAsync(dataRoot, log, ct), static (checks, resource, key) =>
            checks.AddNpgSql(_ => resource.Server.ConnectionString, name: key));

    public static IResourceBuilder<IResourceWithConnectionString> AddRabbitMqServer(
        this IDistributedApplicationBuilder builder, string name, string dataRoot) =>
        builder.AddGivenOrLocalServer(name, "RabbitMQ", dataRoot, async (log, ct) => await RabbitMqServer.StartAsync(dataRoot, log, ct), static (checks, resource, key) =>
            checks.AddRabbitMQ(_ => new ConnectionFactory { Uri = new Uri(resource.Server.ConnectionString) }.CreateConnectionAsync(), name: key));

    private static IResourceBuilder<IResourceWithConnectionString> AddGivenOrLocalServer(
        this IDistributedApplicationBuilder builder,
        string name,
        string type,
        string dataRoot,
        Func<Action<string>, CancellationToken, Task<ILocalServer>> start,
        Action<IHealthChecksBuilder, LocalServerResource, string> addHealthCheck)
    {
        if (builder.Configuration.GetConnectionString(name) is { Length: > 0 })
        {
            return builder.AddConnectionString(name);
        }

        var resource = new LocalServerResource(name);
        var healthCheckKey = $"{name}_check";
        addHealthCheck(builder.Services.AddHealthChecks(), resource, healthCheckKey);
        builder.Services.TryAddSingleton<LocalServerSupervisor>();
        builder.Eventing.Subscribe<InitializeResourceEvent>(resource, (e, ct) => StartAsync(resource, e, start, ct));
        builder.AddResource(resource)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = type,
                State = KnownResourceStates.NotStarted,
                Properties = [new(CustomResourceKnownProperties.Source, $"the machine's binaries, data in {dataRoot}")],
            })
            .WithHealthCheck(healthCheckKey)
            .ExcludeFromManifest();
        return builder.CreateResourceBuilder<IResourceWithConnectionString>(resource);
    }

    private static async Task StartAsync(
        LocalServerResource resource, InitializeResourceEvent e, Func<Action<string>, CancellationToken, Task<ILocalServer>> start, CancellationToken ct)
    {
        await e.Eventing.PublishAsync(new BeforeResourceStartedEvent(resource, e.Services), ct);
        await e.Notifications.PublishUpdateAsync(resource, state => state with { State = KnownResourceStates.Starting });
        try
        {
            var server = await start(e.Logger.Line, ct);
            e.Services.GetRequiredService<LocalServerSupervisor>().Own(server);
            resource.Started(server);
            await e.Notifications.PublishUpdateAsync(resource, state => state with
            {
                State = KnownResourceStates.Running,
                StartTimeStamp = DateTime.UtcNow,
                Urls = server is RabbitMqServer { ManagementPort: { } port }
                    ? [new UrlSnapshot("management", $"http://127.0.0.1:{port}/", IsInternal: false)]
                    : [],
            });
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The server's own words (its log tail) say why; they go to this resource's console log.
            e.Logger.StartFailed(resource.Name, exception.Message);
            await e.Notifications.PublishUpdateAsync(resource, state => state with { State = KnownResourceStates.FailedToStart });
        }
    }
}
