using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.Workers;

public static class WorkerRegistration
{
    /// <summary>Binds <see cref="WorkerOptions"/>; configuration overrides <paramref name="defaultConcurrentItems"/>.</summary>
    public static IHostApplicationBuilder AddWorkerOptions(this IHostApplicationBuilder builder, int defaultConcurrentItems)
    {
        builder.Services.AddOptions<WorkerOptions>()
            .Configure(options => options.MaxConcurrentItems = defaultConcurrentItems)
            .BindConfiguration(WorkerOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return builder;
    }

    /// <summary>What every worker kind needs to run job items; call inside the bus registration.</summary>
    public static IBusRegistrationConfigurator AddJobItemExecution(this IBusRegistrationConfigurator bus)
    {
        bus.AddMemoryCache();
        bus.AddSingleton<CancelledJobs>();
        bus.AddSingleton<JobItemExecution>();
        // Each instance gets its own temporary queue, so that every replica hears every cancellation.
        bus.AddConsumer<JobCancelledConsumer>().Endpoint(endpoint =>
        {
            endpoint.Temporary = true;
            endpoint.InstanceId = Guid.NewGuid().ToString("N")[..8];
        });
        return bus;
    }
}
