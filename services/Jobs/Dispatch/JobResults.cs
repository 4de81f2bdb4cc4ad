using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Contracts;
using Platform.Jobs.Data;
using Platform.Jobs.Data.Configurations;
using Platform.Jobs.Domain;
using Platform.Jobs.Telemetry;

namespace Platform.Jobs.Dispatch;

/// <summary>
/// Applies a batch of worker results in one round trip: a batch of three statements that PostgreSQL runs as one
/// transaction. The first locks every job the results touch, in id order. The second stores the results, skipping items
/// already ended (a redelivered or duplicate result changes nothing), moves the jobs' counters in aggregate and ends the
/// jobs whose last item it stored. The third refills the windows (<see cref="WindowClaim"/>); it runs after the lock was
/// granted, so it sees what any other replica committed before. Retried whole on a transient database error. Returns
/// the items claimed, for the caller to send once it has released what waited on the commit.
/// </summary>
public sealed class JobResults(JobsDbContext db, JobDefinitions definitions, IOptions<JobsOptions> options, JobsMetrics metrics,
    TimeProvider time)
{
    private const string StoreResults = """
        WITH stored AS (
            UPDATE jobs.job_items AS item
            SET status = result.status, lease_expires_at = NULL, attempts = result.attempts, prediction = result.prediction::jsonb,
                raw_text = result.raw_text, confidence = result.confidence, error = result.error, error_code = result.error_code,
                answered_by = result.answered_by, text_replaced = result.text_replaced, started_at = result.started_at,
                finished_at = result.finished_at, processing_time = result.processing_time, prompt_tokens = result.prompt_tokens,
                completion_tokens = result.completion_tokens
            FROM unnest(@ids, @job_ids, @statuses, @attempts, @predictions, @raw_texts, @confidences, @errors, @error_codes,
                        @answered_by, @text_replaced, @started_at, @finished_at, @processing_times, @prompt_tokens, @completion_tokens)
                AS result(id, job_id, status, attempts, prediction, raw_text, confidence, error, error_code,
                          answered_by, text_replaced, started_at, finished_at, processing_time, prompt_tokens, completion_tokens)
            -- Each item is found by its key, whatever the statistics say. Written as plain conditions, the job and status
            -- checks let the planner walk the (job_id, status) index for every result instead, filtering each item in
            -- flight: batches of 500 results took up to 4.4 s. `IS TRUE` keeps the checks out of any index's reach.
            WHERE item.id = result.id AND (item.job_id = result.job_id AND item.status IN ('pending', 'dispatched')) IS TRUE
            RETURNING item.job_id, item.status, item.processing_time),
        counted AS (
            SELECT job.id,
                   count(*) FILTER (WHERE stored.status = 'succeeded') AS succeeded,
                   count(*) FILTER (WHERE stored.status = 'failed') AS failed,
                   count(*) FILTER (WHERE stored.status = 'cancelled') AS cancelled,
                   job.status = 'running' AND job.succeeded_items + job.failed_items + job.cancelled_items + count(*) = job.total_items AS ends,
                   job.succeeded_items + count(*) FILTER (WHERE stored.status = 'succeeded') > 0 AS any_succeeded
            FROM stored JOIN jobs.jobs AS job ON job.id = stored.job_id
            GROUP BY job.id),
        counts AS (
            UPDATE jobs.jobs AS job
            SET succeeded_items = job.succeeded_items + counted.succeeded, failed_items = job.failed_items + counted.failed,
                cancelled_items = job.cancelled_items + counted.cancelled,
                status = CASE WHEN NOT counted.ends THEN job.status WHEN counted.any_succeeded THEN 'completed' ELSE 'failed' END,
                error = CASE WHEN NOT counted.ends OR counted.any_succeeded THEN job.error ELSE 'All ' || job.total_items || ' items failed' END,
                completed_at = CASE WHEN counted.ends THEN @now ELSE job.completed_at END
            FROM counted
            WHERE job.id = counted.id
            RETURNING job.id, job.status, counted.ends)
        SELECT stored.status, stored.processing_time, counts.id, counts.ends, counts.status
        FROM stored JOIN counts ON counts.id = stored.job_id
        """;

    public Task<List<RunJobItem>> ApplyAsync(IReadOnlyList<JobItemCompleted> results, CancellationToken cancellationToken)
    {
        // A result delivered twice in one batch is stored once, as the first.
        var stored = results.DistinctBy(result => result.ItemId).Select(ItemResult.Of).ToList();
        var jobIds = stored.Select(result => result.JobId).Distinct().ToArray();
        return db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            var now = time.GetUtcNow();
            await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection())
            {
                BatchCommands =
                {
                    new NpgsqlBatchCommand(JobDispatcher.LockJobsSql) { Parameters = { JobDispatcher.JobIdsParameter(jobIds) } },
                    Store(stored, now),
                    Claim(jobIds, now),
                },
            };
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                var claimed = await RunAsync(batch, cancellationToken);
                var jobs = await definitions.GetAsync(db, [.. claimed.Select(item => item.JobId).Distinct()], cancellationToken);
                return claimed.Select(item => JobDispatcher.Message(jobs[item.JobId], item)).ToList();
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        });
    }

    /// <summary>Runs the three statements; counts what the second stored and answers what the third claimed.</summary>
    private async Task<List<ClaimedItem>> RunAsync(NpgsqlBatch batch, CancellationToken cancellationToken)
    {
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        await CountAsync(reader, cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        var claimed = new List<ClaimedItem>();
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(WindowClaim.Read(reader));
        }

        return claimed;
    }

    /// <summary>Counts each stored result, and each job it ended once, in the metrics.</summary>
    private async Task CountAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var jobsEnded = new HashSet<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var status = Enum.Parse<JobItemStatus>(reader.GetString(0), ignoreCase: true);
            var jobEndedAs = reader.GetBoolean(3) && jobsEnded.Add(reader.GetString(2))
                ? Enum.Parse<JobStatus>(reader.GetString(4), ignoreCase: true)
                : (JobStatus?)null;
            metrics.ItemEnded(status, reader.IsDBNull(1) ? null : reader.GetDouble(1), jobEndedAs);
        }
    }

    private static NpgsqlBatchCommand Store(IReadOnlyCollection<ItemResult> results, DateTimeOffset now) => new(StoreResults)
    {
        Parameters =
        {
            Array("ids", results, result => result.ItemId),
            Array("job_ids", results, result => result.JobId),
            Array("statuses", results, result => StatusText.Of(result.Status)),
            Array("attempts", results, result => result.Attempts),
            Array("predictions", results, result => result.Prediction),
            Array("raw_texts", results, result => result.RawText),
            Array("confidences", results, result => result.Confidence),
            Array("errors", results, result => result.Error),
            Array("error_codes", results, result => result.ErrorCode),
            Array("answered_by", results, result => result.AnsweredBy),
            Array("text_replaced", results, result => result.TextReplaced),
            Array("started_at", results, result => result.StartedAt.ToUniversalTime()),
            Array("finished_at", results, result => result.FinishedAt.ToUniversalTime()),
            Array("processing_times", results, result => result.ProcessingTime),
            Array("prompt_tokens", results, result => result.PromptTokens),
            Array("completion_tokens", results, result => result.CompletionTokens),
            new NpgsqlParameter<DateTimeOffset>("now", now),
        },
    };

    private NpgsqlBatchCommand Claim(string[] jobIds, DateTimeOffset now)
    {
        var claim = new NpgsqlBatchCommand(WindowClaim.Sql);
        claim.Parameters.AddRange(WindowClaim.Parameters(jobIds, now, options.Value.LeaseGrace));
        return claim;
    }

    private static NpgsqlParameter<T[]> Array<T>(string name, IEnumerable<ItemResult> results, Func<ItemResult, T> value) =>
        new(name, [.. results.Select(value)]);
}
