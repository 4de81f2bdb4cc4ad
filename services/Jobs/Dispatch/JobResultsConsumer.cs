using MassTransit;
using Platform.Contracts;

namespace Platform.Jobs.Dispatch;

/// <summary>Hands each worker result to the <see cref="ResultBuffer"/>, which applies results in batches; acknowledged once stored.</summary>
public sealed class JobResultsConsumer(ResultBuffer buffer) : IConsumer<JobItemCompleted>
{
    public Task Consume(ConsumeContext<JobItemCompleted> context) => buffer.AddAsync(context.Message, context.CancellationToken);
}
