using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Contracts;
using Platform.Jobs.Data;
using Platform.Jobs.Domain;
using Platform.Jobs.Telemetry;
using Platform.Providers.Models;

namespace Platform.Jobs.Dispatch;

/// <summary>
/// Keeps each job's concurrency window full. Items are claimed (marked dispatched, leased) inside the
/// caller's transaction with the job rows locked, and sent only after it commits: a crash in between
/// leaves a leased item that the sweeper sends again, so nothing is lost and the window holds across
/// any number of replicas. A send that fails gives its delivery back, so a broker outage never uses up
/// an item's deliveries.
/// </summary>
public sealed partial class JobDispatcher(
    JobsDbContext db,
    ISendEndpointProvider sendEndpoints,
    IOptions<JobsOptions> options,
    JobsMetrics metrics,
    TimeProvider time,
    ILogger<JobDispatcher> logger)
{
    /// <summary>
    /// Locks the job rows named by `@job_ids` until the transaction ends, in id order so that two transactions never wait
    /// on each other; every transaction that locks jobs uses it.
    /// </summary>
    public const string LockJobsSql = "SELECT * FROM jobs.jobs WHERE id = ANY(@job_ids) ORDER BY id FOR UPDATE";

    public static NpgsqlParameter<string[]> JobIdsParameter(IEnumerable<string> jobIds) => new("job_ids", [.. jobIds.Distinct()]);

    /// <summary>Locks the job rows with <see cref="LockJobsSql"/> and answers them.</summary>
    public Task<List<BatchJob>> LockJobsAsync(IReadOnlyCollection<string> jobIds, CancellationToken cancellationToken) =>
        db.Jobs.FromSqlRaw(LockJobsSql, JobIdsParameter(jobIds)).ToListAsync(cancellationToken);

    public async Task<BatchJob?> LockJobAsync(string jobId, CancellationToken cancellationToken) =>
        (await LockJobsAsync([jobId], cancellationToken)).SingleOrDefault();

    /// <summary>
    /// Claims pending items up to each running job's window with one <see cref="WindowClaim"/>. What this unit of work
    /// changed is saved first, so that the statement counts what is really in flight and skips jobs that have ended.
    /// </summary>
    public async Task<List<RunJobItem>> ClaimWindowsAsync(IReadOnlyCollection<BatchJob> jobs, CancellationToken cancellationToken)
    {
        var running = jobs.Where(job => !job.IsEnded).ToDictionary(job => job.Id);
        if (running.Count == 0)
        {
            return [];
        }

        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        var now = time.GetUtcNow();
        var rows = await db.Database.SqlQueryRaw<ClaimedItem>(WindowClaim.Sql, WindowClaim.Parameters(running.Keys, now, options.Value.LeaseGrace))
            .ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            running[row.JobId].StartedAt ??= now;
        }

        return [.. rows.Select(row => Message(running[row.JobId], row))];
    }

    public Task<List<RunJobItem>> ClaimWindowAsync(BatchJob job, CancellationToken cancellationToken) =>
        ClaimWindowsAsync([job], cancellationToken);

    /// <summary>Items whose lease ran out, with their task content, ready to be sent again or given up.</summary>
    public Task<List<ItemWithContent>> ExpiredItemsAsync(string jobId, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.JobItems.Where(item => item.JobId == jobId && item.Status == JobItemStatus.Dispatched && item.LeaseExpiresAt < now)
            .Join(db.Tasks, item => new { item.TaskOwner, item.TaskId }, task => new { TaskOwner = task.Owner, TaskId = task.Id },
                (item, task) => new ItemWithContent(item, task.Content))
            .ToListAsync(cancellationToken);

    /// <summary>Marks a tracked item dispatched for one more delivery and builds its message.</summary>
    public RunJobItem Lease(BatchJob job, JobItem item, string content)
    {
        item.Status = JobItemStatus.Dispatched;
        item.Deliveries++;
        item.LeaseExpiresAt = time.GetUtcNow() + LeaseDuration(job);
        return Message(job, new ClaimedItem(item.Id, job.Id, item.TaskId, item.ModelIndex, item.Deliveries, content));
    }

    /// <summary>
    /// Sends after commit, and never with the caller's token: the items are already claimed, so a client that
    /// disconnects must not leave them unsent. Items that could not be sent give their delivery back and
    /// expire at once, so the sweeper sends them as soon as the broker is back.
    /// </summary>
    public async Task SendAsync(IReadOnlyCollection<RunJobItem> messages)
    {
        foreach (var queue in messages.GroupBy(message => QueueFor(message.Model.ModelType)))
        {
            using var timeout = new CancellationTokenSource(options.Value.SendTimeout);
            try
            {
                var endpoint = await sendEndpoints.GetSendEndpoint(new Uri($"queue:{queue.Key}"));
                await endpoint.SendBatch(queue, timeout.Token);
                metrics.ItemsSent(queue.Key, queue.Count());
            }
            catch (Exception e) when (e is not OperationCanceledException || timeout.IsCancellationRequested)
            {
                LogSendFailed(logger, e, queue.Count(), queue.Key);
                await GiveBackAsync([.. queue.Select(message => message.ItemId)]);
            }
        }
    }

    private async Task GiveBackAsync(Guid[] itemIds)
    {
        try
        {
            var now = time.GetUtcNow();
            await db.JobItems
                .Where(item => itemIds.Contains(item.Id) && item.Status == JobItemStatus.Dispatched)
                .ExecuteUpdateAsync(update => update
                    .SetProperty(item => item.Deliveries, item => item.Deliveries - 1)
                    .SetProperty(item => item.LeaseExpiresAt, now), CancellationToken.None);
        }
        catch (Exception e)
        {
            // The database is away too: the leases still expire and the sweeper sends the items again.
            LogGiveBackFailed(logger, e, itemIds.Length);
        }
    }

    /// <summary>Local-model items go to the transformer workers' own queue so each kind scales on its own depth.</summary>
    public static string QueueFor(string modelType) =>
        modelType == ProviderKinds.Local ? QueueNames.LocalItems : QueueNames.ProviderItems;

    /// <summary>The message for a claimed item; only the job's definition is read, never its counters.</summary>
    public static RunJobItem Message(BatchJob job, ClaimedItem claimed)
    {
        var model = job.ModelConfigs[claimed.ModelIndex];
        var spec = new ModelSpec(model.ModelType, model.ModelName, model.BaseUrl, model.EncryptedApiKey, model.Temperature,
            model.MaxTokens, model.PromptTemplate, model.SystemPrompt, model.EnableCache, model.CacheTtl);
        return new RunJobItem(claimed.ItemId, job.Id, claimed.TaskId, claimed.Content, spec, job.RetryAttempts, job.TimeoutSeconds,
            claimed.Deliveries, job.RetryDelaySeconds, job.ItemKind, job.Owner);
    }

    /// <summary>
    /// An item's worst case is every attempt timing out; the grace covers backoff, Retry-After waits and queueing.
    /// <see cref="WindowClaim"/> computes the same lease in SQL for the items it claims.
    /// </summary>
    private TimeSpan LeaseDuration(BatchJob job) =>
        TimeSpan.FromSeconds(job.TimeoutSeconds * (job.RetryAttempts + 1)) + options.Value.LeaseGrace;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send {Count} items to {Queue}; they will be sent again by the lease sweeper")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, int count, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not give back the delivery of {Count} unsent items; they are sent again when their lease expires")]
    private static partial void LogGiveBackFailed(ILogger logger, Exception exception, int count);
}
