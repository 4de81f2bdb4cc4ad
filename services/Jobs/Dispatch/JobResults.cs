using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Jobs.Data;
using Platform.Jobs.Telemetry;

namespace Platform.Jobs.Dispatch;

/// <summary>
/// Applies a batch of worker results in one transaction: every job they touch is locked once, each result is
/// stored once (a redelivered or duplicate result finds its item already ended), counters move in aggregate
/// and every window is refilled in bulk. Retried whole on a transient database error. Returns the items claimed to
/// refill the windows, for the caller to send once it has released what waited on the commit.
/// </summary>
public sealed class JobResults(JobsDbContext db, JobDispatcher dispatcher, JobsMetrics metrics, TimeProvider time)
{
    public Task<List<RunJobItem>> ApplyAsync(IReadOnlyList<JobItemCompleted> results, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var jobs = (await dispatcher.LockJobsAsync([.. results.Select(result => result.JobId)], cancellationToken))
                .ToDictionary(job => job.Id);
            var itemIds = results.Select(result => result.ItemId).Distinct().ToArray();
            var items = await db.JobItems.Where(item => itemIds.Contains(item.Id)).ToDictionaryAsync(item => item.Id, cancellationToken);
            var now = time.GetUtcNow();
            foreach (var result in results)
            {
                if (jobs.TryGetValue(result.JobId, out var job) && items.TryGetValue(result.ItemId, out var item) && !item.IsEnded)
                {
                    item.Record(result);
                    metrics.ItemEnded(item, job, job.CountEnded(item.Status, now));
                }
            }

            var claimed = await dispatcher.ClaimWindowsAsync(jobs.Values, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return claimed;
        });
}
