using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Jobs.Data;
using Platform.Jobs.Dispatch;
using Platform.Jobs.Domain;
using Platform.Jobs.Telemetry;

namespace Platform.Jobs.Maintenance;

/// <summary>
/// Finds items whose lease expired (the message or the worker was lost) and sends them again, or fails
/// them after <see cref="JobsOptions.MaxDeliveries"/> deliveries, then refills the job's window. While the
/// item's queue still holds messages waiting for a worker, the item may be among them: its lease is extended
/// instead, so that a stopped worker fleet or a backed-up queue never fails an item that did not run.
/// </summary>
public sealed partial class LeaseSweep(
    IServiceScopeFactory scopes,
    JobsMetrics metrics,
    IOptions<JobsOptions> options,
    TimeProvider time,
    ILogger<LeaseSweep> logger)
{
    public const string WorkerLostCode = "WORKER_LOST";

    /// <summary>A Hangfire recurring job: a failed sweep is not retried, the next tick is the retry.</summary>
    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JobsDbContext>();
        var now = time.GetUtcNow();
        var jobIds = await db.JobItems
            .Where(item => item.Status == JobItemStatus.Dispatched && item.LeaseExpiresAt < now)
            .Select(item => item.JobId).Distinct().OrderBy(jobId => jobId).Take(100)
            .ToListAsync(cancellationToken);
        foreach (var jobId in jobIds)
        {
            await using var jobScope = scopes.CreateAsyncScope();
            await SweepJobAsync(jobScope.ServiceProvider, jobId, cancellationToken);
        }
    }

    private async Task SweepJobAsync(IServiceProvider services, string jobId, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<JobsDbContext>();
        var dispatcher = services.GetRequiredService<JobDispatcher>();
        var (resend, next) = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var job = await dispatcher.LockJobAsync(jobId, cancellationToken);
            if (job is null)
            {
                return ([], []);
            }

            var now = time.GetUtcNow();
            var again = new List<RunJobItem>();
            foreach (var (item, content) in await dispatcher.ExpiredItemsAsync(jobId, now, cancellationToken))
            {
                if (job.Status == JobStatus.Cancelled)
                {
                    item.Status = JobItemStatus.Cancelled;
                    item.LeaseExpiresAt = null;
                }
                else if (MayStillBeQueued(job, item))
                {
                    item.LeaseExpiresAt = now + options.Value.LeaseGrace;
                    continue;
                }
                else if (item.Deliveries >= options.Value.MaxDeliveries)
                {
                    item.Fail(WorkerLostCode, $"No worker reported a result after {item.Deliveries} deliveries", now);
                }
                else
                {
                    again.Add(dispatcher.Lease(job, item, content));
                    continue;
                }

                metrics.ItemEnded(item.Status, item.ProcessingTime, job.CountEnded(item.Status, now) ? job.Status : null);
            }

            // Items given up on free window slots for pending ones.
            var claimed = await dispatcher.ClaimWindowAsync(job, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return (again, claimed);
        });

        if (resend.Count > 0)
        {
            LogResending(logger, resend.Count, jobId);
        }

        await dispatcher.SendAsync([.. resend, .. next]);
    }

    /// <summary>Messages still wait in the item's queue (as last seen by <see cref="QueueMonitor"/>), so the item may be one of them.</summary>
    private bool MayStillBeQueued(BatchJob job, JobItem item) =>
        metrics.TryGetQueue(JobDispatcher.QueueFor(job.ModelConfigs[item.ModelIndex].ModelType), out var depth) && depth.Ready > 0;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending {Count} items of job {JobId} again after their lease expired")]
    private static partial void LogResending(ILogger logger, int count, string jobId);
}
