using MassTransit;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Workers;

namespace Platform.ProviderWorker.Items;

/// <summary>
/// The replica's concurrency, and a prefetch no larger: a crashed replica strands no extra messages, and the rest
/// stay in the queue for other replicas. A provider failure is an outcome, not an exception; the message retry covers
/// infrastructure faults, and a retry after a failed publish finds the outcome <see cref="Platform.Workers.JobItemExecution"/>
/// kept, so the model is not called again.
/// </summary>
public sealed class RunJobItemConsumerDefinition : ConsumerDefinition<RunJobItemConsumer>
{
    private readonly int _concurrency;

    public RunJobItemConsumerDefinition(IOptions<WorkerOptions> options)
    {
        EndpointName = QueueNames.ProviderItems;
        _concurrency = options.Value.MaxConcurrentItems;
        ConcurrentMessageLimit = _concurrency;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<RunJobItemConsumer> consumerConfigurator, IRegistrationContext context)
    {
        if (endpointConfigurator is IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            rabbit.PrefetchCount = (ushort)Math.Min(_concurrency, ushort.MaxValue);
        }

        endpointConfigurator.UseMessageRetry(retry => retry.Exponential(5, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5),
            TimeSpan.FromMilliseconds(500)));
    }
}
