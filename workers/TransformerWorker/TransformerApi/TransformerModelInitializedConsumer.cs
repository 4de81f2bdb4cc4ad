using MassTransit;
using Platform.Contracts;
using Platform.TransformerWorker.Models;

namespace Platform.TransformerWorker.TransformerApi;

/// <summary>
/// Makes every replica follow an `/initialize` that landed on any of them, so that a load balancer may send
/// the next `/forward` anywhere. A replica started later has heard none: it needs the next `/initialize`.
/// </summary>
public sealed partial class TransformerModelInitializedConsumer(TransformerSession session, ILogger<TransformerModelInitializedConsumer> logger)
    : IConsumer<TransformerModelInitialized>
{
    public async Task Consume(ConsumeContext<TransformerModelInitialized> context)
    {
        try
        {
            if (await session.FollowAsync(context.Message, context.CancellationToken))
            {
                LogFollowed(logger, session.Current!.Name, context.Message.InitializedAt);
            }
        }
        catch (ModelTooLargeException e)
        {
            LogCannotFollow(logger, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Made model {Name}, initialized at {InitializedAt:O}, current as the other replicas")]
    private static partial void LogFollowed(ILogger logger, string name, DateTimeOffset initializedAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot follow another replica's initialization ({Reason}); this replica is uninitialized until the next /initialize")]
    private static partial void LogCannotFollow(ILogger logger, string reason);
}
