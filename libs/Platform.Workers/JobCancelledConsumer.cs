using MassTransit;
using Platform.Contracts;

namespace Platform.Workers;

/// <summary>Every worker replica hears every cancellation: the consumer sits on a per-instance temporary queue.</summary>
public sealed class JobCancelledConsumer(CancelledJobs cancelledJobs) : IConsumer<JobCancelled>
{
    public Task Consume(ConsumeContext<JobCancelled> context)
    {
        cancelledJobs.Add(context.Message.JobId);
        return Task.CompletedTask;
    }
}
