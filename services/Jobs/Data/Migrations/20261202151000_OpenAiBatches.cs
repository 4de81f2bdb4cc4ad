using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Platform.Jobs.Data.Migrations;

/// <summary>
/// OpenAI's Files and Batch APIs: files as 1 MiB bytea chunks (a 200 MB upload never sits in memory whole, and deleting a
/// file deletes its chunks), batches with their job, and the kind of a job's items (a task's text, or a whole chat request).
/// </summary>
[DbContext(typeof(JobsDbContext))]
[Migration("20261202151000_OpenAiBatches")]
public sealed class OpenAiBatches : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            ALTER TABLE jobs.jobs ADD COLUMN item_kind text NOT NULL DEFAULT 'task';

            CREATE TABLE jobs.files (
                id          text PRIMARY KEY,
                owner       text NOT NULL,
                filename    text NOT NULL,
                purpose     text NOT NULL,
                bytes       bigint NOT NULL,
                created_at  timestamptz NOT NULL
            );
            CREATE INDEX ix_files_owner_created_at ON jobs.files (owner, created_at);

            CREATE TABLE jobs.file_chunks (
                file_id  text NOT NULL REFERENCES jobs.files (id) ON DELETE CASCADE,
                part     integer NOT NULL,
                data     bytea NOT NULL,
                PRIMARY KEY (file_id, part)
            );

            CREATE TABLE jobs.openai_batches (
                id                  text PRIMARY KEY,
                owner               text NOT NULL,
                endpoint            text NOT NULL,
                input_file_id       text NOT NULL,
                completion_window   text NOT NULL,
                metadata            jsonb,
                status              text NOT NULL,
                job_id              text REFERENCES jobs.jobs (id),
                model               text,
                output_file_id      text,
                error_file_id       text,
                errors              jsonb,
                total_requests      integer NOT NULL DEFAULT 0,
                completed_requests  integer NOT NULL DEFAULT 0,
                failed_requests     integer NOT NULL DEFAULT 0,
                created_at          timestamptz NOT NULL,
                expires_at          timestamptz NOT NULL,
                in_progress_at      timestamptz,
                finalizing_at       timestamptz,
                completed_at        timestamptz,
                failed_at           timestamptz,
                expired_at          timestamptz,
                cancelling_at       timestamptz,
                cancelled_at        timestamptz
            );
            CREATE INDEX ix_openai_batches_owner_created_at ON jobs.openai_batches (owner, created_at);
            CREATE INDEX ix_openai_batches_open ON jobs.openai_batches (created_at)
                WHERE status IN ('validating', 'in_progress', 'finalizing', 'cancelling');
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            DROP TABLE jobs.openai_batches;
            DROP TABLE jobs.file_chunks;
            DROP TABLE jobs.files;
            ALTER TABLE jobs.jobs DROP COLUMN item_kind;
            """);
    }
}
