using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Jobs.Data;
using Platform.Jobs.Domain;
using Platform.Jobs.Telemetry;

namespace Platform.Jobs.Dispatch;

/// <summary>
/// Every <see cref="JobsOptions.MonitorInterval"/>: the depth and consumers of every worker queue and of their error
/// queues, and the items in flight per running job, for the metrics; a warning while an error queue holds
/// messages, with the way to replay them. A failed look (broker or database away) is logged and tried again.
/// </summary>
public sealed partial class QueueMonitor(
    BrokerQueues queues,
    IServiceScopeFactory scopes,
    JobsMetrics metrics,
    IOptions<JobsOptions> options,
    TimeProvider time,
    ILogger<QueueMonitor> logger) : BackgroundService
{
    public static readonly string[] Watched = [QueueNames.ProviderItems, QueueNames.LocalItems, JobResultsConsumerDefinition.QueueName];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.MonitorInterval, time);
        do
        {
            try
            {
                await LookAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogLookFailed(logger, e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task LookAsync(CancellationToken cancellationToken)
    {
        foreach (var queue in Watched)
        {
            if (await queues.DepthAsync(queue, cancellationToken) is { } depth)
            {
                metrics.ReportQueue(queue, depth);
            }

            // Reported at every look, empty too, so that the gauge falls back to zero after a replay.
            if (await queues.DepthAsync(queue + BrokerQueues.ErrorSuffix, cancellationToken) is { } errors)
            {
                metrics.ReportQueue(queue + BrokerQueues.ErrorSuffix, errors);
                if (errors.Ready > 0)
                {
                    LogErrorsWaiting(logger, errors.Ready, queue + BrokerQueues.ErrorSuffix, queue);
                }
            }
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JobsDbContext>();
        metrics.ReportInFlight(await db.JobItems
            .Where(item => item.Status == JobItemStatus.Dispatched)
            .GroupBy(item => item.JobId)
            .Select(group => new { JobId = group.Key, Count = group.Count() })
            .ToDictionaryAsync(group => group.JobId, group => group.Count, cancellationToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking at the queues failed: {Reason}; trying again at the next tick")]
    private static partial void LogLookFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{Count} messages wait in {ErrorQueue}; replay them with POST /api/v1/admin/queues/{Queue}/replay")]
    private static partial void LogErrorsWaiting(ILogger logger, long count, string errorQueue, string queue);
}
