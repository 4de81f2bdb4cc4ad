using MassTransit;
using Microsoft.Extensions.Options;
using Platform.Contracts;

namespace Platform.ProviderWorker.Items;

/// <summary>Section `Worker`.</summary>
public sealed class WorkerOptions
{
    public const string SectionName = "Worker";

    /// <summary>Items one replica runs at once. Provider calls mostly wait on the network, so this can exceed the core count.</summary>
    public int MaxConcurrentItems { get; set; } = 32;
}

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
        // Prefetch no more than we run: a crashed replica then strands no extra messages, and the rest
        // stay in the queue for other replicas.
        if (endpointConfigurator is IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            rabbit.PrefetchCount = _concurrency;
        }

        // Provider errors are handled inside the consumer; this covers a failed publish of the result.
        endpointConfigurator.UseMessageRetry(retry => retry.Interval(3, TimeSpan.FromSeconds(1)));
    }
}
