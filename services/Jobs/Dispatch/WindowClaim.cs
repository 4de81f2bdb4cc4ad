using Npgsql;
using NpgsqlTypes;

namespace Platform.Jobs.Dispatch;

/// <summary>
/// The one statement that refills windows: for every running job named, pending items up to its window less what it has in
/// flight are marked dispatched, counted one delivery more and leased for the job's worst case (every attempt timing out)
/// plus a grace (the formula of <see cref="JobDispatcher.Lease"/>, which re-leases one item in C#). It sees the job rows as
/// stored, so it runs with them locked and after any change to them is written. The partial index on pending items and
/// the (job_id, status) index keep both walks short however long a job is.
/// </summary>
public static class WindowClaim
{
    public const string Sql = """
        UPDATE jobs.job_items AS item
        SET status = 'dispatched', deliveries = item.deliveries + 1,
            lease_expires_at = @now + make_interval(secs => job.timeout_seconds * (job.retry_attempts + 1)) + @lease_grace
        FROM jobs.jobs AS job, jobs.tasks AS task
        WHERE item.id IN (
                SELECT next.id
                FROM jobs.jobs AS running
                CROSS JOIN LATERAL (
                    SELECT id FROM jobs.job_items
                    WHERE job_id = running.id AND status = 'pending'
                    ORDER BY sequence
                    LIMIT greatest(0, running.max_concurrent -
                        (SELECT count(*) FROM jobs.job_items WHERE job_id = running.id AND status = 'dispatched'))) AS next
                WHERE running.id = ANY(@job_ids) AND running.status = 'running')
          AND job.id = item.job_id AND task.owner = item.task_owner AND task.id = item.task_id
        RETURNING item.id AS "ItemId", item.job_id AS "JobId", item.task_id AS "TaskId", item.model_index AS "ModelIndex",
                  item.deliveries AS "Deliveries", task.content AS "Content"
        """;

    public static NpgsqlParameter[] Parameters(IEnumerable<string> jobIds, DateTimeOffset now, TimeSpan leaseGrace) =>
    [
        JobDispatcher.JobIdsParameter(jobIds),
        new NpgsqlParameter<DateTimeOffset>("now", NpgsqlDbType.TimestampTz) { TypedValue = now },
        new NpgsqlParameter<TimeSpan>("lease_grace", NpgsqlDbType.Interval) { TypedValue = leaseGrace },
    ];

    public static ClaimedItem Read(NpgsqlDataReader reader) =>
        new(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetString(5));
}
