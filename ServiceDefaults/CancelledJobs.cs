using MassTransit;
using Microsoft.Extensions.Caching.Memory;
using Platform.Contracts;

namespace Platform.ServiceDefaults;

/// <summary>Jobs cancelled recently, so that every worker kind skips their queued items rather than starting them.</summary>
public sealed class CancelledJobs(IMemoryCache cache)
{
    /// <summary>Longer than any item can wait in a queue.</summary>
    private static readonly TimeSpan Remembered = TimeSpan.FromHours(24);

    public void Add(string jobId) => cache.Set(Key(jobId), true, Remembered);

    public bool Contains(string jobId) => cache.TryGetValue(Key(jobId), out _);

    private static string Key(string jobId) => $"cancelled:{jobId}";
}

/// <summary>Every worker replica hears every cancellation: the consumer sits on a per-instance temporary queue.</summary>
public sealed class JobCancelledConsumer(CancelledJobs cancelledJobs) : IConsumer<JobCancelled>
{
    public Task Consume(ConsumeContext<JobCancelled> context)
    {
        cancelledJobs.Add(context.Message.JobId);
        return Task.CompletedTask;
    }
}

public static class JobCancellationRegistration
{
    /// <summary>Each instance gets its own temporary queue, so that every replica hears every cancellation.</summary>
    public static void AddJobCancelledConsumer(this IBusRegistrationConfigurator bus) =>
        bus.AddConsumer<JobCancelledConsumer>().Endpoint(endpoint =>
        {
            endpoint.Temporary = true;
            endpoint.InstanceId = Guid.NewGuid().ToString("N")[..8];
        });
}
