using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Jobs.Data;
using Platform.Jobs.Domain;
using Platform.Providers.Models;

namespace Platform.Jobs.Dispatch;

/// <summary>
/// Keeps each job's concurrency window full. Items are claimed (marked dispatched, leased) inside the
/// caller's transaction with the job row locked, and sent only after it commits: a crash in between
/// leaves a leased item that the sweeper sends again, so nothing is lost and the window holds across
/// any number of replicas.
/// </summary>
public sealed partial class JobDispatcher(
    JobsDbContext db,
    ISendEndpointProvider sendEndpoints,
    IOptions<JobsOptions> options,
    TimeProvider time,
    ILogger<JobDispatcher> logger)
{
    /// <summary>Locks the job row until the current transaction ends.</summary>
    public Task<BatchJob?> LockJobAsync(string jobId, CancellationToken cancellationToken) =>
        db.Jobs.FromSql($"SELECT * FROM jobs.jobs WHERE id = {jobId} FOR UPDATE").SingleOrDefaultAsync(cancellationToken);

    /// <summary>Claims pending items up to the window. Pending changes are saved first so the in-flight count is true.</summary>
    public async Task<List<RunJobItem>> ClaimWindowAsync(BatchJob job, CancellationToken cancellationToken)
    {
        if (job.IsEnded)
        {
            return [];
        }

        await db.SaveChangesAsync(cancellationToken);
        var inFlight = await db.JobItems.CountAsync(item => item.JobId == job.Id && item.Status == JobItemStatus.Dispatched, cancellationToken);
        var free = job.MaxConcurrent - inFlight;
        if (free <= 0)
        {
            return [];
        }

        var claimed = await WithContent(db.JobItems
                .Where(item => item.JobId == job.Id && item.Status == JobItemStatus.Pending)
                .OrderBy(item => item.Sequence)
                .Take(free))
            .ToListAsync(cancellationToken);
        job.StartedAt ??= time.GetUtcNow();
        return claimed.Select(pair => Lease(job, pair.Item, pair.Content)).ToList();
    }

    /// <summary>Items whose lease ran out, with their task content, ready to be sent again or given up.</summary>
    public Task<List<ItemWithContent>> ExpiredItemsAsync(string jobId, DateTimeOffset now, CancellationToken cancellationToken) =>
        WithContent(db.JobItems.Where(item =>
                item.JobId == jobId && item.Status == JobItemStatus.Dispatched && item.LeaseExpiresAt < now))
            .ToListAsync(cancellationToken);

    /// <summary>Marks an item dispatched for one more delivery and builds its message.</summary>
    public RunJobItem Lease(BatchJob job, JobItem item, string content)
    {
        item.Status = JobItemStatus.Dispatched;
        item.Deliveries++;
        item.LeaseExpiresAt = time.GetUtcNow() + LeaseDuration(job);
        var model = job.ModelConfigs[item.ModelIndex];
        var spec = new ModelSpec(model.ModelType, model.ModelName, model.BaseUrl, model.EncryptedApiKey, model.Temperature,
            model.MaxTokens, model.PromptTemplate);
        return new RunJobItem(item.Id, job.Id, item.TaskId, content, spec, job.RetryAttempts, job.TimeoutSeconds, item.Deliveries);
    }

    /// <summary>Sends after commit. A failed send is only logged: the item's lease expires and the sweeper sends it again.</summary>
    public async Task SendAsync(IReadOnlyCollection<RunJobItem> messages, CancellationToken cancellationToken)
    {
        foreach (var queue in messages.GroupBy(message => QueueFor(message.Model.ModelType)))
        {
            try
            {
                var endpoint = await sendEndpoints.GetSendEndpoint(new Uri($"queue:{queue.Key}"));
                await endpoint.SendBatch(queue, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSendFailed(logger, e, queue.Count(), queue.Key);
            }
        }
    }

    /// <summary>Local-model items go to the transformer workers' own queue so each kind scales on its own depth.</summary>
    private static string QueueFor(string modelType) =>
        modelType == ProviderKinds.Local ? QueueNames.LocalItems : QueueNames.ProviderItems;

    /// <summary>An item's worst case is every attempt timing out; the grace covers backoff and queueing.</summary>
    private TimeSpan LeaseDuration(BatchJob job) =>
        TimeSpan.FromSeconds(job.TimeoutSeconds * (job.RetryAttempts + 1)) + options.Value.LeaseGrace;

    private IQueryable<ItemWithContent> WithContent(IQueryable<JobItem> items) =>
        items.Join(db.Tasks, item => item.TaskId, task => task.Id, (item, task) => new ItemWithContent(item, task.Content));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send {Count} items to {Queue}; they will be sent again when their lease expires")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, int count, string queue);
}

public sealed record ItemWithContent(JobItem Item, string Content);
