using MassTransit;
using Platform.Contracts;
using Platform.TransformerWorker.Models;

namespace Platform.TransformerWorker.Cache;

/// <summary>Makes a cache change that another replica made, then tells every replica what this one now holds.</summary>
public sealed partial class ModelCacheChangedConsumer(ModelCache cache, LocalModelCatalog catalog, ModelCacheReplicas replicas,
    ILogger<ModelCacheChangedConsumer> logger) : IConsumer<ModelCacheChanged>
{
    public async Task Consume(ConsumeContext<ModelCacheChanged> context)
    {
        var change = context.Message;
        if (change.OriginReplica == replicas.Self)
        {
            return;
        }

        try
        {
            await cache.ApplyAsync(change, catalog, context.CancellationToken);
        }
        catch (ModelTooLargeException e)
        {
            LogCannotFollow(logger, change.Action, e.Message);
        }

        await context.Publish(replicas.Report(), context.CancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot follow another replica's model cache change {Action}: {Reason}")]
    private static partial void LogCannotFollow(ILogger logger, string action, string reason);
}
