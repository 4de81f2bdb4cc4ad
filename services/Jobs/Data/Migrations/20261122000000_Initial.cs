using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Platform.Jobs.Data.Migrations;

/// <summary>
/// Hand-written (the EF design-time package is not in the registry): tasks, jobs and their items.
/// The partial index serves the lease sweeper, which only ever looks at dispatched items.
/// </summary>
[DbContext(typeof(JobsDbContext))]
[Migration("20261122000000_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE SCHEMA IF NOT EXISTS jobs;

            CREATE TABLE jobs.tasks (
                id          text PRIMARY KEY,
                content     text NOT NULL,
                metadata    jsonb,
                created_at  timestamptz NOT NULL,
                updated_at  timestamptz NOT NULL
            );

            CREATE TABLE jobs.jobs (
                id               text PRIMARY KEY,
                status           text NOT NULL,
                total_items      integer NOT NULL,
                succeeded_items  integer NOT NULL DEFAULT 0,
                failed_items     integer NOT NULL DEFAULT 0,
                cancelled_items  integer NOT NULL DEFAULT 0,
                max_concurrent   integer NOT NULL,
                retry_attempts   integer NOT NULL,
                timeout_seconds  integer NOT NULL,
                model_configs    jsonb NOT NULL,
                created_at       timestamptz NOT NULL,
                started_at       timestamptz,
                completed_at     timestamptz,
                error            text
            );
            CREATE INDEX ix_jobs_created_at ON jobs.jobs (created_at DESC);

            CREATE TABLE jobs.job_items (
                id                 uuid PRIMARY KEY,
                job_id             text NOT NULL REFERENCES jobs.jobs (id) ON DELETE CASCADE,
                sequence           integer NOT NULL,
                task_id            text NOT NULL REFERENCES jobs.tasks (id),
                model_index        integer NOT NULL,
                status             text NOT NULL,
                deliveries         integer NOT NULL DEFAULT 0,
                attempts           integer NOT NULL DEFAULT 0,
                lease_expires_at   timestamptz,
                prediction         jsonb,
                raw_text           text,
                confidence         double precision,
                error              text,
                error_code         text,
                started_at         timestamptz,
                finished_at        timestamptz,
                processing_time    double precision,
                prompt_tokens      integer,
                completion_tokens  integer,
                answered_by        text
            );
            CREATE UNIQUE INDEX ix_job_items_job_id_sequence ON jobs.job_items (job_id, sequence);
            CREATE INDEX ix_job_items_job_id_status ON jobs.job_items (job_id, status);
            CREATE INDEX ix_job_items_task_id ON jobs.job_items (task_id);
            CREATE INDEX ix_job_items_lease ON jobs.job_items (lease_expires_at) WHERE status = 'dispatched';
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP TABLE jobs.job_items; DROP TABLE jobs.jobs; DROP TABLE jobs.tasks;");
    }
}
