using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Workers;

public static class WorkerRegistration
{
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
