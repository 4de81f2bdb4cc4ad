using MassTransit;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Workers;

namespace Platform.TransformerWorker.Items;

/// <summary>Local items come from their own queue, so that transformer workers scale on its depth alone.</summary>
public sealed class LocalJobItemConsumerDefinition : ConsumerDefinition<LocalJobItemConsumer>
{
    public LocalJobItemConsumerDefinition(IOptions<WorkerOptions> options)
    {
        EndpointName = QueueNames.LocalItems;
        ConcurrentMessageLimit = options.Value.MaxConcurrentItems;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<LocalJobItemConsumer> consumerConfigurator, IRegistrationContext context)
    {
        // A replica holds only the items it runs; the rest wait in the queue for other replicas.
        if (endpointConfigurator is IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            rabbit.PrefetchCount = ConcurrentMessageLimit ?? 1;
        }

        // Generation failures are outcomes; this covers infrastructure faults, and a retry finds the outcome already kept.
        endpointConfigurator.UseMessageRetry(retry => retry.Interval(3, TimeSpan.FromSeconds(1)));
    }
}
