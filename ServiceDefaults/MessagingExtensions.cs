using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The RabbitMQ bus every service uses, from `ConnectionStrings:rabbitmq` (`amqp://user:password@host:port/vhost`).
/// MassTransit's defaults give the guarantees the platform relies on: durable queues, manual acks and
/// publisher confirms.
/// </summary>
public static class MessagingExtensions
{
    public const string ConnectionName = "rabbitmq";

    public static TBuilder AddPlatformMessaging<TBuilder>(this TBuilder builder, Action<IBusRegistrationConfigurator> registerConsumers)
        where TBuilder : IHostApplicationBuilder
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{ConnectionName} is not configured.");
        var address = new Uri(connectionString);

        builder.Services.AddMassTransit(bus =>
        {
            bus.SetKebabCaseEndpointNameFormatter();
            // MassTransit 8.4+ reports usage to its vendor by default; the platform calls no host it was not told to.
            bus.ConfigureUsageTelemetryOptions(options => options.Enabled = false);
            // A bus not started yet (readiness probed during start-up) or cut off reports Degraded rather than Unhealthy:
            // readiness answers 503 for both, and the health check service logs a warning, not a failure, at every start.
            bus.ConfigureHealthCheckOptions(options => options.MinimalFailureStatus = HealthStatus.Degraded);
            registerConsumers(bus);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(address.Host, (ushort)(address.IsDefaultPort ? 5672 : address.Port), VirtualHost(address), host =>
                {
                    var credentials = address.UserInfo.Split(':', 2);
                    host.Username(Uri.UnescapeDataString(credentials[0]));
                    host.Password(credentials.Length > 1 ? Uri.UnescapeDataString(credentials[1]) : "");
                });
                rabbit.ConfigureEndpoints(context);
            });
        });
        return builder;
    }

    private static string VirtualHost(Uri address)
    {
        var path = Uri.UnescapeDataString(address.AbsolutePath.TrimStart('/'));
        return path.Length == 0 ? "/" : path;
    }
}
