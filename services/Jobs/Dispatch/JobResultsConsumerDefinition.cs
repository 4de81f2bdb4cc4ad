using MassTransit;
using Microsoft.Extensions.Options;

namespace Platform.Jobs.Dispatch;

/// <summary>
/// Enough results in hand at once to fill two batches of <see cref="JobsOptions.ResultBatchSize"/>. A result whose batch
/// failed is retried with backoff long enough to ride out a database restart, so results are never dead-lettered for a
/// transient fault.
/// </summary>
public sealed class JobResultsConsumerDefinition : ConsumerDefinition<JobResultsConsumer>
{
    /// <summary>The queue results arrive on.</summary>
    public const string QueueName = "job-item-completed";

    private readonly int _inHand;

    public JobResultsConsumerDefinition(IOptions<JobsOptions> options)
    {
        _inHand = options.Value.ResultBatchSize * 2;
        EndpointName = QueueName;
        ConcurrentMessageLimit = _inHand;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<JobResultsConsumer> consumerConfigurator, IRegistrationContext context)
    {
        if (endpointConfigurator is IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            rabbit.PrefetchCount = (ushort)Math.Min(_inHand, ushort.MaxValue);
        }

        endpointConfigurator.UseMessageRetry(retry => retry.Exponential(20, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10),
            TimeSpan.FromMilliseconds(500)));
    }
}
