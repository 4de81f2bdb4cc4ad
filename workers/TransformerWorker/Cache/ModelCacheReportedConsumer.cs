using MassTransit;
using Platform.Contracts;

namespace Platform.TransformerWorker.Cache;

/// <summary>Keeps the other replicas' latest cache reports for the stats.</summary>
public sealed class ModelCacheReportedConsumer(ModelCacheReplicas replicas) : IConsumer<ModelCacheReported>
{
    public Task Consume(ConsumeContext<ModelCacheReported> context)
    {
        replicas.Remember(context.Message);
        return Task.CompletedTask;
    }
}
