using Microsoft.Extensions.DependencyInjection;
using Platform.AppHost.Demo;
using RabbitMQ.Client;

namespace Platform.AppHost.Extensions;

/// <summary>How a platform service is added to the app model, and the references and commands it may have.</summary>
public static class PlatformServiceExtensions
{
    private const string ReadinessPath = "/health/ready";

    public static IResourceBuilder<ProjectResource> AddPlatformService<TProject>(
        this IDistributedApplicationBuilder builder, string name, PlatformServers servers, int? port = null)
        where TProject : IProjectMetadata, new() =>
        builder.AddProject<TProject>(name)
            .WithHttpEndpoint(port: port)
            .WithHttpHealthCheck(ReadinessPath)
            .WithReference(servers.Postgres).WaitFor(servers.Postgres)
            .WithReference(servers.RabbitMq).WaitFor(servers.RabbitMq)
            .WithEnvironment("Secrets__EncryptionKey", servers.EncryptionKey)
            .WithEnvironment("Internal__Token", servers.InternalToken)
            // Local mode: model base URLs on loopback (a local Ollama, a stub) are allowed, unless the Gateway is public.
            .WithEnvironment("Providers__AllowLoopback", servers.AllowLoopback ? "true" : "false")
            .WithEnvironment("DOTNET_ENVIRONMENT", builder.Environment.EnvironmentName)
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", builder.Environment.EnvironmentName);

    /// <summary><c>model_type: local</c> is served by the TransformerWorker, found by service discovery.</summary>
    public static IResourceBuilder<ProjectResource> WithLocalModels(
        this IResourceBuilder<ProjectResource> service, IResourceBuilder<ProjectResource> transformerWorker) =>
        service.WithServiceUrl("Providers__LocalBaseUrl", transformerWorker, "/v1/");

    /// <summary>A base URL naming the service (<c>http://jobs</c>), which service discovery resolves to its endpoint.</summary>
    public static IResourceBuilder<ProjectResource> WithServiceUrl(
        this IResourceBuilder<ProjectResource> service, string variable, IResourceBuilder<ProjectResource> target, string path = "") =>
        service.WithReference(target).WithEnvironment(variable, $"http://{target.Resource.Name}{path}");

    /// <summary>A dashboard command dropping every message waiting in the worker's item queue.</summary>
    public static IResourceBuilder<ProjectResource> WithPurgeQueueCommand(
        this IResourceBuilder<ProjectResource> worker, IResourceBuilder<IResourceWithConnectionString> rabbitMq, string queue) =>
        worker.WithCommand("purge-queue", $"Purge {queue}", async context =>
        {
            var factory = new ConnectionFactory { Uri = new Uri((await rabbitMq.Resource.GetConnectionStringAsync(context.CancellationToken))!) };
            await using var connection = await factory.CreateConnectionAsync(context.CancellationToken);
            await using var channel = await connection.CreateChannelAsync(cancellationToken: context.CancellationToken);
            var purged = await channel.QueuePurgeAsync(queue, context.CancellationToken);
            return CommandResults.Success($"{purged} messages purged from {queue}");
        }, new CommandOptions
        {
            Description = $"Drops the job items waiting in {queue}; their jobs will not finish.",
            ConfirmationMessage = $"Drop every message waiting in {queue}?",
            IconName = "Delete",
        });

    /// <summary>A dashboard command running the demo batch job again; its lines go to the Gateway's console log.</summary>
    public static IResourceBuilder<ProjectResource> WithDemoCommand(this IResourceBuilder<ProjectResource> gateway, Uri gatewayUrl) =>
        gateway.WithCommand("run-demo", "Run the demo job", async context =>
        {
            var logger = context.Services.GetRequiredService<ResourceLoggerService>().GetLogger(context.ResourceName);
            var configuration = context.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>();
            var outcome = await DemoJob.RunAsync(gatewayUrl, configuration, logger.Line, context.CancellationToken);
            return outcome == DemoOutcome.Completed
                ? CommandResults.Success()
                : CommandResults.Failure("The demo job did not complete; the Gateway's console log says why.");
        }, new CommandOptions { IconName = "Play", IsHighlighted = true });
}
