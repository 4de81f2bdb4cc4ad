using Platform.Contracts.Http.Batches;
using Platform.Contracts.Http.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.Jobs.Batches;
using Platform.Jobs.Callers;
using Platform.Jobs.Data;
using Platform.Jobs.Domain;
using Platform.Providers.Embeddings;
using Platform.Providers.Registry;
using Platform.Providers.Routing;

namespace Platform.Jobs.OpenAiBatches;

/// <summary>
/// Moves one batch on: validates its file and submits its job, notices the job's end, the window's expiry or a
/// cancellation, and writes the output files. Each step changes the batch only from the status it read, so a cancel
/// arriving meanwhile is never overwritten, and each can run again after a crash (the job is submitted with the
/// batch id as its idempotency key, the tasks are inserted once).
/// </summary>
public sealed class OpenAiBatchProgress(
    JobsDbContext db,
    FileStore files,
    BatchSubmission submission,
    BatchOutput output,
    ModelRegistry registry,
    ModelCatalog catalog,
    IOptions<OpenAiBatchOptions> options,
    TimeProvider time)
{
    /// <summary>The key of a line's `custom_id` in its task's metadata.</summary>
    public const string CustomIdKey = "custom_id";

    public async Task AdvanceAsync(string batchId, CancellationToken cancellationToken)
    {
        var batch = await db.OpenAiBatches.AsNoTracking().SingleAsync(batch => batch.Id == batchId, cancellationToken);
        var job = batch.JobId is null ? null : await db.Jobs.AsNoTracking().SingleAsync(job => job.Id == batch.JobId, cancellationToken);
        switch (batch.Status)
        {
            case OpenAiBatchStatus.Validating:
                await ValidateAsync(batch, cancellationToken);
                break;
            case OpenAiBatchStatus.InProgress when job!.IsEnded && batch.ExpiredAt is null:
                await FinishAsync(batch, OpenAiBatchStatus.Completed, cancellationToken);
                break;
            case OpenAiBatchStatus.InProgress when batch.ExpiredAt is not null || time.GetUtcNow() >= batch.ExpiresAt:
                await StopAsync(batch, job!, OpenAiBatchStatus.Expired, cancellationToken);
                break;
            case OpenAiBatchStatus.Cancelling:
                await StopAsync(batch, job, OpenAiBatchStatus.Cancelled, cancellationToken);
                break;
            case OpenAiBatchStatus.Finalizing:
                // A replica stopped while writing the files: write them again.
                await FinishAsync(batch, batch.CancellingAt is not null ? OpenAiBatchStatus.Cancelled
                    : batch.ExpiredAt is not null ? OpenAiBatchStatus.Expired : OpenAiBatchStatus.Completed, cancellationToken);
                break;
        }
    }

    private async Task ValidateAsync(OpenAiBatch batch, CancellationToken cancellationToken)
    {
        var caller = new Caller(batch.Owner, IsAdmin: false);
        var input = await files.FindAsync(batch.InputFileId, caller, cancellationToken) is null
            ? new BatchInput([], [new BatchLineError("file_not_found", $"Input file {batch.InputFileId} was deleted before the batch started", "input_file_id", null)])
            : await ReadAsync(batch, cancellationToken);
        var embeddings = batch.Endpoint == OpenAiBatchesApi.EmbeddingsEndpoint;
        if (input.Errors.Count == 0 && !await registry.ServesAsync(input.Model!, cancellationToken))
        {
            input = input with { Errors = [new BatchLineError("model_not_found", $"Model '{input.Model}' is not a registered model", "body.model", 1)] };
        }
        else if (input.Errors.Count == 0 && embeddings
            && catalog.DeploymentsOf(input.Model!).FirstOrDefault(deployment => deployment.Enabled) is { } first
            && !ProviderEmbeddings.Supports(first.Target.Kind))
        {
            input = input with { Errors = [new BatchLineError("model_not_supported", ProviderEmbeddings.Unsupported(input.Model!).Message, "body.model", 1)] };
        }

        if (input.Errors.Count > 0)
        {
            var errors = System.Text.Json.JsonSerializer.Serialize(new BatchErrors(input.Errors), System.Text.Json.JsonSerializerOptions.Web);
            var now = time.GetUtcNow();
            await Transition(batch.Id, OpenAiBatchStatus.Validating).ExecuteUpdateAsync(update => update
                .SetProperty(row => row.Status, OpenAiBatchStatus.Failed)
                .SetProperty(row => row.Errors, errors)
                .SetProperty(row => row.FailedAt, now), cancellationToken);
            return;
        }

        var taskIds = await InsertTasksAsync(batch, input.Lines, cancellationToken);
        var request = new BatchPredictRequest(taskIds, [new AiModelConfig { ModelName = input.Model }],
            new BatchConfig(WindowOf(input.Model!), options.Value.RetryAttempts, options.Value.RequestTimeoutSeconds));
        var job = await submission.SubmitAsync(request, taskIds, caller, idempotencyKey: batch.Id, cancellationToken,
            embeddings ? JobItemKind.EmbeddingsRequest : JobItemKind.ChatRequest);
        var started = time.GetUtcNow();
        await db.OpenAiBatches.Where(row => row.Id == batch.Id).ExecuteUpdateAsync(update => update
            .SetProperty(row => row.JobId, job.Id)
            .SetProperty(row => row.Model, input.Model)
            .SetProperty(row => row.TotalRequests, job.TotalItems), cancellationToken);
        await Transition(batch.Id, OpenAiBatchStatus.Validating).ExecuteUpdateAsync(update => update
            .SetProperty(row => row.Status, OpenAiBatchStatus.InProgress)
            .SetProperty(row => row.InProgressAt, started), cancellationToken);
    }

    private async Task<BatchInput> ReadAsync(OpenAiBatch batch, CancellationToken cancellationToken)
    {
        await using var content = files.OpenRead(batch.InputFileId, cancellationToken);
        return await BatchInput.ReadAsync(content, batch.Endpoint, options.Value.MaxLines, cancellationToken);
    }

    /// <summary>One task per line, its content the request body; inserted once however often validation runs.</summary>
    private async Task<List<string>> InsertTasksAsync(OpenAiBatch batch, IReadOnlyList<BatchInputLine> lines, CancellationToken cancellationToken)
    {
        var ids = lines.Select(line => $"{batch.Id}:{line.Number}").ToArray();
        var contents = lines.Select(line => line.Body).ToArray();
        var customIds = lines.Select(line => line.CustomId).ToArray();
        var now = time.GetUtcNow();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO jobs.tasks (id, owner, content, metadata, created_at, updated_at)
            SELECT line.id, {batch.Owner}, line.content, jsonb_build_object({CustomIdKey}, line.custom_id), {now}, {now}
            FROM unnest({ids}, {contents}, {customIds}) AS line (id, content, custom_id)
            ON CONFLICT (owner, id) DO NOTHING
            """, cancellationToken);
        return [.. ids];
    }

    /// <summary>
    /// A model limited to N requests a minute never needs more than N in flight; one without a limit gets the default.
    /// Deployments balanced under one name add up.
    /// </summary>
    private int WindowOf(string model)
    {
        var limits = catalog.DeploymentsOf(model).Select(deployment => deployment.RateLimit.RequestsPerMinute).ToList();
        var window = limits.All(limit => limit is not null) ? limits.Sum(limit => limit!.Value) : options.Value.DefaultConcurrency;
        return Math.Clamp(window, 1, options.Value.MaxConcurrency);
    }

    /// <summary>Cancels the job (results of lines already running are still kept), then finishes once none is running.</summary>
    private async Task StopAsync(OpenAiBatch batch, BatchJob? job, OpenAiBatchStatus final, CancellationToken cancellationToken)
    {
        if (final == OpenAiBatchStatus.Expired && batch.ExpiredAt is null)
        {
            var now = time.GetUtcNow();
            await Transition(batch.Id, OpenAiBatchStatus.InProgress).ExecuteUpdateAsync(update => update.SetProperty(row => row.ExpiredAt, now),
                cancellationToken);
        }

        if (job is { IsEnded: false })
        {
            await submission.CancelAsync(job.Id, new Caller(batch.Owner, IsAdmin: false), cancellationToken);
        }

        var running = job is not null && await db.JobItems.AnyAsync(item => item.JobId == job.Id && item.Status == JobItemStatus.Dispatched
            && item.LeaseExpiresAt > time.GetUtcNow(), cancellationToken);
        if (!running)
        {
            await FinishAsync(batch, final, cancellationToken);
        }
    }

    private async Task FinishAsync(OpenAiBatch batch, OpenAiBatchStatus final, CancellationToken cancellationToken)
    {
        var finalizing = time.GetUtcNow();
        await Transition(batch.Id, batch.Status).ExecuteUpdateAsync(update => update
            .SetProperty(row => row.Status, OpenAiBatchStatus.Finalizing)
            .SetProperty(row => row.FinalizingAt, finalizing), cancellationToken);
        if (batch.JobId is null)
        {
            // Cancelled while validating: nothing ran, there is nothing to write.
            await EndAsync(batch.Id, final, new WrittenOutput(null, null, 0, 0), cancellationToken);
            return;
        }

        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var written = await output.WriteAsync(batch, final == OpenAiBatchStatus.Expired ? "batch_expired" : "batch_cancelled", cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await EndAsync(batch.Id, final, written, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
    }

    private async Task EndAsync(string batchId, OpenAiBatchStatus final, WrittenOutput written, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await Transition(batchId, OpenAiBatchStatus.Finalizing).ExecuteUpdateAsync(update => update
            .SetProperty(row => row.Status, final)
            .SetProperty(row => row.OutputFileId, written.OutputFileId)
            .SetProperty(row => row.ErrorFileId, written.ErrorFileId)
            .SetProperty(row => row.CompletedRequests, written.Completed)
            .SetProperty(row => row.FailedRequests, written.Failed)
            .SetProperty(row => row.CompletedAt, row => final == OpenAiBatchStatus.Completed ? now : row.CompletedAt)
            .SetProperty(row => row.CancelledAt, row => final == OpenAiBatchStatus.Cancelled ? now : row.CancelledAt)
            .SetProperty(row => row.ExpiredAt, row => final == OpenAiBatchStatus.Expired ? row.ExpiredAt ?? now : row.ExpiredAt), cancellationToken);
    }

    /// <summary>The batch, only while it still has the status this step read.</summary>
    private IQueryable<OpenAiBatch> Transition(string batchId, OpenAiBatchStatus from) =>
        db.OpenAiBatches.Where(row => row.Id == batchId && row.Status == from);
}
