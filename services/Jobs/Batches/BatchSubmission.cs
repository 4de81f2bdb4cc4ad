using Platform.Contracts.Http.Batches;
using Platform.Contracts.Http.Models;
using Platform.Jobs.Callers;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Platform.Contracts;
using Platform.Jobs.Data;
using Platform.Jobs.Data.Configurations;
using Platform.Jobs.Dispatch;
using Platform.Jobs.Domain;
using Platform.Jobs.Tasks;
using Platform.Jobs.Telemetry;
using Platform.Providers.Models;
using Platform.Providers.Registry;
using Platform.Llm.Data.Security;

namespace Platform.Jobs.Batches;

/// <summary>Writes and cancels jobs; reading them is <see cref="BatchQueries"/>.</summary>
public sealed class BatchSubmission(
    JobsDbContext db,
    JobDispatcher dispatcher,
    JobsMetrics metrics,
    SecretProtector secrets,
    IPublishEndpoint publisher,
    TaskStore tasks,
    TimeProvider time)
{
    public const int MaxUnknownIdsShown = 20;

    /// <summary>Ids among <paramref name="taskIds"/> that the caller never imported (another owner's tasks included, admin or not).</summary>
    public async Task<List<string>> UnknownTaskIdsAsync(IReadOnlyList<string> taskIds, Caller caller, CancellationToken cancellationToken)
    {
        var known = await db.Tasks.Where(task => task.Owner == caller.Owner && taskIds.Contains(task.Id))
            .Select(task => task.Id).ToListAsync(cancellationToken);
        return taskIds.Except(known).ToList();
    }

    /// <summary>
    /// Persists the job and all its items in one transaction, then sends the first window. With an idempotency key,
    /// a second submission with the same key answers the job the first one made instead of making another.
    /// </summary>
    public async Task<BatchJob> SubmitAsync(BatchPredictRequest request, IReadOnlyList<string> taskIds, Caller caller,
        string? idempotencyKey, CancellationToken cancellationToken, JobItemKind itemKind = JobItemKind.Task)
    {
        if (idempotencyKey is not null && await JobWithKeyAsync(caller, idempotencyKey, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        var configs = request.AiModelConfigs!.Select(config => ToStored(config!)).ToList();
        var job = new BatchJob
        {
            Id = $"batch_{Guid.NewGuid()}",
            Owner = caller.Owner,
            Status = JobStatus.Running,
            TotalItems = taskIds.Count * configs.Count,
            MaxConcurrent = request.BatchConfig?.MaxConcurrentTasks ?? BatchConfig.DefaultMaxConcurrentTasks,
            RetryAttempts = request.BatchConfig?.RetryAttempts ?? BatchConfig.DefaultRetryAttempts,
            TimeoutSeconds = request.BatchConfig?.TimeoutSeconds ?? BatchConfig.DefaultTimeoutSeconds,
            RetryDelaySeconds = request.BatchConfig?.RetryDelaySeconds,
            ModelConfigs = configs,
            CreatedAt = time.GetUtcNow(),
            IdempotencyKey = idempotencyKey,
            ItemKind = itemKind,
        };

        List<RunJobItem> first;
        try
        {
            first = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                if (request.Tasks is { } inline)
                {
                    await tasks.ImportAsync([.. inline.Select(task => task!)], caller, cancellationToken);
                }

                db.Jobs.Add(job);
                await db.SaveChangesAsync(cancellationToken);
                await CopyItemsAsync(job, taskIds, configs.Count, cancellationToken);
                var claimed = await dispatcher.ClaimWindowAsync(job, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return claimed;
            });
        }
        catch (DbUpdateException e) when (idempotencyKey is not null && e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // The same key raced in from another request: its job is the answer.
            return await JobWithKeyAsync(caller, idempotencyKey, CancellationToken.None)
                ?? throw new InvalidOperationException($"No job holds idempotency key {idempotencyKey} after a conflict on it", e);
        }

        metrics.JobSubmitted();
        await dispatcher.SendAsync(first);
        return job;
    }

    /// <summary>Keys are each owner's own: another owner's key names a different job.</summary>
    private Task<BatchJob?> JobWithKeyAsync(Caller caller, string idempotencyKey, CancellationToken cancellationToken) =>
        db.Jobs.AsNoTracking().SingleOrDefaultAsync(job => job.Owner == caller.Owner && job.IdempotencyKey == idempotencyKey, cancellationToken);

    /// <summary>
    /// Writes every item with PostgreSQL's binary COPY inside the job's transaction: tens of thousands of
    /// rows in well under a second, where tracked inserts take many.
    /// </summary>
    private async Task CopyItemsAsync(BatchJob job, IReadOnlyList<string> taskIds, int modelCount, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var importer = await connection.BeginBinaryImportAsync(
            "COPY jobs.job_items (id, job_id, sequence, task_id, task_owner, model_index, status) FROM STDIN (FORMAT BINARY)", cancellationToken);
        var pending = StatusText.Of(JobItemStatus.Pending);
        for (var taskIndex = 0; taskIndex < taskIds.Count; taskIndex++)
        {
            for (var modelIndex = 0; modelIndex < modelCount; modelIndex++)
            {
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, cancellationToken);
                await importer.WriteAsync(job.Id, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(taskIndex * modelCount + modelIndex, NpgsqlDbType.Integer, cancellationToken);
                await importer.WriteAsync(taskIds[taskIndex], NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(job.Owner, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(modelIndex, NpgsqlDbType.Integer, cancellationToken);
                await importer.WriteAsync(pending, NpgsqlDbType.Text, cancellationToken);
            }
        }

        await importer.CompleteAsync(cancellationToken);
    }

    /// <summary>Stops new items from starting; results of items already running are still kept. Another owner's job reads as unknown.</summary>
    public async Task<CancelOutcome> CancelAsync(string jobId, Caller caller, CancellationToken cancellationToken)
    {
        var outcome = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var job = await dispatcher.LockJobAsync(jobId, cancellationToken) is { } locked && locked.IsVisibleTo(caller) ? locked : null;
            if (job is null || job.IsEnded)
            {
                return new CancelOutcome(job, WasAlreadyEnded: true, 0, 0);
            }

            var notStarted = await db.JobItems
                .Where(item => item.JobId == jobId && item.Status == JobItemStatus.Pending)
                .ExecuteUpdateAsync(update => update.SetProperty(item => item.Status, JobItemStatus.Cancelled), cancellationToken);
            job.Status = JobStatus.Cancelled;
            job.CancelledItems += notStarted;
            job.CompletedAt = time.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            var inFlight = await db.JobItems.CountAsync(item => item.JobId == jobId && item.Status == JobItemStatus.Dispatched, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new CancelOutcome(job, WasAlreadyEnded: false, notStarted, inFlight);
        });

        if (!outcome.WasAlreadyEnded)
        {
            metrics.JobEnded(JobStatus.Cancelled);
            // Never with the caller's token: the cancellation is committed, and every worker must hear of it.
            await publisher.Publish(new JobCancelled(jobId, outcome.Job!.CompletedAt!.Value), CancellationToken.None);
        }

        return outcome;
    }

    private JobModelConfig ToStored(AiModelConfig config)
    {
        if (ModelRegistry.NamesRegisteredModel(config))
        {
            // Routed by name by the worker, so a change to the registered model applies to items not yet run.
            return new JobModelConfig
            {
                ModelType = "",
                ModelName = config.ModelName!,
                Temperature = config.Temperature,
                MaxTokens = config.MaxTokens,
                PromptTemplate = config.PromptTemplate,
                SystemPrompt = config.SystemPrompt,
            };
        }

        var resolved = ModelConfigValidator.Resolve(config);
        return new JobModelConfig
        {
            ModelType = resolved.Kind.ModelType,
            ModelName = resolved.ModelName,
            BaseUrl = config.BaseUrl is null ? null : resolved.BaseUrl.ToString(),
            EncryptedApiKey = string.IsNullOrEmpty(config.ApiKey) ? null : secrets.Protect(config.ApiKey),
            Temperature = config.Temperature,
            MaxTokens = config.MaxTokens,
            PromptTemplate = config.PromptTemplate,
            SystemPrompt = config.SystemPrompt,
            EnableCache = config.EnableCache,
            CacheTtl = config.CacheTtl,
        };
    }
}
