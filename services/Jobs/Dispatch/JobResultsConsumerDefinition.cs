using MassTransit;
using Microsoft.Extensions.Options;

namespace Platform.Jobs.Dispatch;

/// <summary>
/// Batches of up to <see cref="JobsOptions.ResultBatchSize"/> results, or what arrived within
/// <see cref="JobsOptions.ResultBatchWindow"/>; two batches at once per replica (jobs' rows are locked in id order, so
/// they never deadlock). A failed batch is retried with backoff long enough to ride out a database restart,
/// so results are never dead-lettered for a transient fault.
/// </summary>
public sealed class JobResultsConsumerDefinition : ConsumerDefinition<JobResultsConsumer>
{
    /// <summary>The queue results arrive on (the name it had when results were taken one at a time).</summary>
    public const string QueueName = "job-item-completed";

    private const int ConcurrentBatches = 2;
    private readonly JobsOptions _options;

    public JobResultsConsumerDefinition(IOptions<JobsOptions> options)
    {
        _options = options.Value;
        Endpoint(endpoint => endpoint.Name = QueueName);
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<JobResultsConsumer> consumerConfigurator, IRegistrationContext context)
    {
        if (endpointConfigurator is IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            rabbit.PrefetchCount = (ushort)(_options.ResultBatchSize * ConcurrentBatches);
        }

        endpointConfigurator.ConcurrentMessageLimit = _options.ResultBatchSize * ConcurrentBatches;
        consumerConfigurator.Options<BatchOptions>(batch => batch
            .SetMessageLimit(_options.ResultBatchSize)
            .SetTimeLimit(_options.ResultBatchWindow)
            .SetConcurrencyLimit(ConcurrentBatches));
        endpointConfigurator.UseMessageRetry(retry => retry.Exponential(20, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10),
            TimeSpan.FromMilliseconds(500)));
    }
}
