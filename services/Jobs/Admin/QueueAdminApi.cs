using Platform.Contracts.Http.Queues;
using Platform.Contracts.Http.Routes;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Jobs.Dispatch;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Routing;

namespace Platform.Jobs.Admin;

/// <summary>Operators' view of the worker queues, and the replay of messages that landed in an `_error` queue.</summary>
public static class QueueAdminApi
{
    public const int MaxReplay = 100_000;

    public static IEndpointRouteBuilder MapQueueAdminApi(this IEndpointRouteBuilder app)
    {
        app.MapOperation(JobsOperations.ListQueues, ListAsync);
        app.MapOperation(JobsOperations.ReplayQueue, ReplayAsync);
        return app;
    }

    private static async Task<Ok<QueueList>> ListAsync(BrokerQueues broker, CancellationToken cancellationToken)
    {
        var views = new List<QueueView>();
        foreach (var queue in QueueMonitor.Watched)
        {
            var depth = await broker.DepthAsync(queue, cancellationToken);
            var errors = await broker.DepthAsync(queue + BrokerQueues.ErrorSuffix, cancellationToken);
            views.Add(new QueueView(queue, depth?.Ready ?? 0, depth?.Consumers ?? 0, errors?.Ready ?? 0));
        }

        return TypedResults.Ok(new QueueList(views));
    }

    private static async Task<Results<Ok<QueueReplayed>, NotFound<AiApiError>, BadRequest<AiApiError>>> ReplayAsync(
        string queue, BrokerQueues broker, CancellationToken cancellationToken, int limit = MaxReplay)
    {
        if (!QueueMonitor.Watched.Contains(queue))
        {
            return AiApiError.NotFound($"Queue {queue} is not one of the platform's: {string.Join(", ", QueueMonitor.Watched)}");
        }

        if (limit is < 1 or > MaxReplay)
        {
            return AiApiError.BadRequest($"limit must be between 1 and {MaxReplay}, got {limit}");
        }

        var replayed = await broker.ReplayErrorsAsync(queue, limit, cancellationToken);
        return TypedResults.Ok(new QueueReplayed(queue, replayed));
    }
}
