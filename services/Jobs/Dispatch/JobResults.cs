using Microsoft.EntityFrameworkCore;
using Platform.Contracts;
using Platform.Jobs.Data;
using Platform.Jobs.Data.Configurations;
using Platform.Jobs.Domain;
using Platform.Jobs.Telemetry;

namespace Platform.Jobs.Dispatch;

/// <summary>
/// Applies a batch of worker results in one transaction: every job they touch is locked once, the results are stored
/// with one statement that skips items already ended (a redelivered or duplicate result changes nothing), counters
/// move in aggregate and every window is refilled in bulk. Retried whole on a transient database error. Returns the
/// items claimed to refill the windows, for the caller to send once it has released what waited on the commit.
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
            // A result delivered twice in one batch is stored once, as the first.
            var stored = results.DistinctBy(result => result.ItemId).Select(ItemResult.Of).ToDictionary(result => result.ItemId);
            var now = time.GetUtcNow();
            foreach (var itemId in await StoreAsync(stored.Values, cancellationToken))
            {
                var result = stored[itemId];
                var job = jobs[result.JobId];
                metrics.ItemEnded(result.Status, result.ProcessingTime, job, job.CountEnded(result.Status, now));
            }

            var claimed = await dispatcher.ClaimWindowsAsync(jobs.Values, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return claimed;
        });

    /// <summary>Stores the results of items not yet ended (of jobs that still exist); returns those items' ids.</summary>
    private Task<List<Guid>> StoreAsync(IReadOnlyCollection<ItemResult> results, CancellationToken cancellationToken)
    {
        var ids = results.Select(result => result.ItemId).ToArray();
        var jobIds = results.Select(result => result.JobId).ToArray();
        var statuses = results.Select(result => StatusText.Of(result.Status)).ToArray();
        var attempts = results.Select(result => result.Attempts).ToArray();
        var predictions = results.Select(result => result.Prediction).ToArray();
        var rawTexts = results.Select(result => result.RawText).ToArray();
        var confidences = results.Select(result => result.Confidence).ToArray();
        var errors = results.Select(result => result.Error).ToArray();
        var errorCodes = results.Select(result => result.ErrorCode).ToArray();
        var answeredBy = results.Select(result => result.AnsweredBy).ToArray();
        var replaced = results.Select(result => result.TextReplaced).ToArray();
        var startedAt = results.Select(result => result.StartedAt.ToUniversalTime()).ToArray();
        var finishedAt = results.Select(result => result.FinishedAt.ToUniversalTime()).ToArray();
        var seconds = results.Select(result => result.ProcessingTime).ToArray();
        var promptTokens = results.Select(result => result.PromptTokens).ToArray();
        var completionTokens = results.Select(result => result.CompletionTokens).ToArray();
        return db.Database.SqlQuery<Guid>($"""
            UPDATE jobs.job_items AS item
            SET status = result.status, lease_expires_at = NULL, attempts = result.attempts, prediction = result.prediction::jsonb,
                raw_text = result.raw_text, confidence = result.confidence, error = result.error, error_code = result.error_code,
                answered_by = result.answered_by, text_replaced = result.text_replaced, started_at = result.started_at,
                finished_at = result.finished_at, processing_time = result.processing_time, prompt_tokens = result.prompt_tokens,
                completion_tokens = result.completion_tokens
            FROM unnest({ids}, {jobIds}, {statuses}, {attempts}, {predictions}, {rawTexts}, {confidences}, {errors}, {errorCodes},
                        {answeredBy}, {replaced}, {startedAt}, {finishedAt}, {seconds}, {promptTokens}, {completionTokens})
                AS result(id, job_id, status, attempts, prediction, raw_text, confidence, error, error_code,
                          answered_by, text_replaced, started_at, finished_at, processing_time, prompt_tokens, completion_tokens)
            WHERE item.id = result.id AND item.job_id = result.job_id AND item.status IN ('pending', 'dispatched')
            RETURNING item.id AS "Value"
            """).ToListAsync(cancellationToken);
    }
}
