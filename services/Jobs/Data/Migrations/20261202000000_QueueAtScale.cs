using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Platform.Jobs.Data.Migrations;

/// <summary>
/// A partial index on pending items, so that claiming the next window of a 100,000-item job walks a few index
/// entries instead of sorting every pending row; idempotency keys for submissions; and the flag that says an
/// answer's unstorable characters were replaced.
/// </summary>
[DbContext(typeof(JobsDbContext))]
[Migration("20261202000000_QueueAtScale")]
public sealed class QueueAtScale : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE INDEX ix_job_items_pending ON jobs.job_items (job_id, sequence) WHERE status = 'pending';
            ALTER TABLE jobs.jobs ADD COLUMN idempotency_key text;
            CREATE UNIQUE INDEX ix_jobs_idempotency_key ON jobs.jobs (idempotency_key) WHERE idempotency_key IS NOT NULL;
            ALTER TABLE jobs.job_items ADD COLUMN text_replaced boolean NOT NULL DEFAULT false;
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            ALTER TABLE jobs.job_items DROP COLUMN text_replaced;
            DROP INDEX jobs.ix_jobs_idempotency_key;
            ALTER TABLE jobs.jobs DROP COLUMN idempotency_key;
            DROP INDEX jobs.ix_job_items_pending;
            """);
    }
}
