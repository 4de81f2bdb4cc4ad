using MassTransit;
using Platform.Contracts;

namespace Platform.Jobs.Dispatch;

/// <summary>Takes worker results in batches, so that a job's row is locked once per batch rather than once per result.</summary>
public sealed class JobResultsConsumer(JobResults results) : IConsumer<Batch<JobItemCompleted>>
{
    public Task Consume(ConsumeContext<Batch<JobItemCompleted>> context) =>
        results.ApplyAsync([.. context.Message.Select(message => message.Message)], context.CancellationToken);
}
