using MassTransit;
using Platform.Contracts;
using Platform.Jobs.Data;

namespace Platform.Jobs.Dispatch;

/// <summary>
/// Stores a worker's result once (a redelivered or duplicate result finds the item already ended),
/// counts it, and refills the job's window.
/// </summary>
public sealed class JobItemCompletedConsumer(JobsDbContext db, JobDispatcher dispatcher, TimeProvider time) : IConsumer<JobItemCompleted>
{
    public async Task Consume(ConsumeContext<JobItemCompleted> context)
    {
        var result = context.Message;
        var cancellationToken = context.CancellationToken;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var job = await dispatcher.LockJobAsync(result.JobId, cancellationToken);
        var item = job is null ? null : await db.JobItems.FindAsync([result.ItemId], cancellationToken);
        if (job is null || item is null || item.IsEnded)
        {
            return;
        }

        item.Record(result);
        job.CountEnded(item.Status, time.GetUtcNow());
        var next = await dispatcher.ClaimWindowAsync(job, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await dispatcher.SendAsync(next, cancellationToken);
    }
}

public sealed class JobItemCompletedConsumerDefinition : ConsumerDefinition<JobItemCompletedConsumer>
{
    public JobItemCompletedConsumerDefinition()
    {
        // Results of one job serialise on its row lock; across jobs they run in parallel.
        ConcurrentMessageLimit = 16;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<JobItemCompletedConsumer> consumerConfigurator, IRegistrationContext context)
    {
        // Database hiccups (deadlock, failover) are retried; the result is stored idempotently either way.
        endpointConfigurator.UseMessageRetry(retry => retry.Exponential(5, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5),
            TimeSpan.FromMilliseconds(200)));
    }
}
