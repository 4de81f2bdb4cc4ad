using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Jobs.Data;
using Platform.Jobs.Domain;

namespace Platform.Jobs.Dispatch;

/// <summary>
/// Finds items whose lease expired (the message or the worker was lost) and sends them again, or fails
/// them after <see cref="JobsOptions.MaxDeliveries"/> deliveries, then refills the job's window.
/// </summary>
public sealed partial class LeaseSweeper(
    IServiceScopeFactory scopes,
    IOptions<JobsOptions> options,
    TimeProvider time,
    ILogger<LeaseSweeper> logger) : BackgroundService
{
    public const string WorkerLostCode = "WORKER_LOST";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSweepFailed(logger, e);
            }
        }
    }

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JobsDbContext>();
        var now = time.GetUtcNow();
        var jobIds = await db.JobItems
            .Where(item => item.Status == JobItemStatus.Dispatched && item.LeaseExpiresAt < now)
            .Select(item => item.JobId).Distinct().Take(100)
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
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var job = await dispatcher.LockJobAsync(jobId, cancellationToken);
        if (job is null)
        {
            return;
        }

        var now = time.GetUtcNow();
        var resend = new List<Platform.Contracts.RunJobItem>();
        foreach (var (item, content) in await dispatcher.ExpiredItemsAsync(jobId, now, cancellationToken))
        {
            if (job.Status == JobStatus.Cancelled)
            {
                item.Status = JobItemStatus.Cancelled;
                item.LeaseExpiresAt = null;
            }
            else if (item.Deliveries >= options.Value.MaxDeliveries)
            {
                item.Fail(WorkerLostCode, $"No worker reported a result after {item.Deliveries} deliveries", now);
            }
            else
            {
                resend.Add(dispatcher.Lease(job, item, content));
                continue;
            }

            job.CountEnded(item.Status, now);
        }

        // Items given up on free window slots for pending ones.
        var next = await dispatcher.ClaimWindowAsync(job, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (resend.Count > 0)
        {
            LogResending(logger, resend.Count, jobId);
        }

        await dispatcher.SendAsync([.. resend, .. next], cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Lease sweep failed; retrying at the next tick")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending {Count} items of job {JobId} again after their lease expired")]
    private static partial void LogResending(ILogger logger, int count, string jobId);
}
