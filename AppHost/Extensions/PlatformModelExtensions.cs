using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.AppHost.Demo;
using Platform.AppHost.Local;
using Platform.Contracts;

namespace Platform.AppHost.Extensions;

/// <summary>The platform's app model: its servers, its four services and how they reach each other.</summary>
public static class PlatformModelExtensions
{
    public static IDistributedApplicationBuilder AddPlatform(this IDistributedApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(PlatformSettings.Section).Get<PlatformSettings>() ?? new PlatformSettings();
        var dataRoot = settings.DataRoot;
        var servers = new PlatformServers(
            builder.AddPostgresServer("postgres", dataRoot),
            builder.AddRabbitMqServer("rabbitmq", dataRoot),
            builder.AddParameter("encryption-key", () => SecretFile.ReadOrCreate(
                Path.Combine(dataRoot, "secrets", "encryption.key"), () => SecretFile.RandomBase64(32)), secret: true),
            // A new one each run: nothing outlives the services that share it.
            builder.AddParameter("internal-token", () => SecretFile.RandomHex(32), secret: true),
            settings.GatewayUrl.IsLoopback);

        // The Gateway owns the `llm` schema: it applies it once, as Kubernetes' migrate-llm Job does, before any reader starts.
        var llmMigrations = builder.AddProject<Projects.Platform_Gateway>("llm-migrations")
            .WithArgs("--migrate-only")
            .WithReference(servers.Postgres).WaitFor(servers.Postgres);
        var transformerWorker = builder.AddPlatformService<Projects.Platform_TransformerWorker>("transformer-worker", servers)
            .WaitForCompletion(llmMigrations)
            .WithReplicas(settings.TransformerWorkerReplicas)
            .WithPurgeQueueCommand(servers.RabbitMq, QueueNames.LocalItems);
        var jobs = builder.AddPlatformService<Projects.Platform_Jobs>("jobs", servers)
            .WaitForCompletion(llmMigrations)
            .WithLocalModels(transformerWorker);
        builder.AddPlatformService<Projects.Platform_ProviderWorker>("provider-worker", servers)
            .WaitForCompletion(llmMigrations)
            .WithLocalModels(transformerWorker)
            .WithReplicas(settings.ProviderWorkerReplicas)
            .WithPurgeQueueCommand(servers.RabbitMq, QueueNames.ProviderItems)
            .WaitFor(jobs);
        builder.AddPlatformService<Projects.Platform_Gateway>("gateway", servers, settings.GatewayUrl.Port)
            .WithLocalModels(transformerWorker)
            .WithServiceUrl("Services__Jobs__BaseUrl", jobs)
            .WithServiceUrl("Services__Transformer__BaseUrl", transformerWorker)
            .WaitFor(jobs)
            .WithDemoCommand(settings.GatewayUrl)
            .WithExternalHttpEndpoints();

        builder.Services.AddOptions<PlatformSettings>().BindConfiguration(PlatformSettings.Section)
            .Validate(options => options.ProviderWorkerReplicas >= 1 && options.TransformerWorkerReplicas >= 1,
                "Platform:ProviderWorkerReplicas and Platform:TransformerWorkerReplicas must be at least 1.")
            .ValidateOnStart();
        builder.Services.AddHostedService<DemoRunner>();
        return builder;
    }
}
