using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Platform.Jobs.Data.Migrations;

/// <summary>
/// Task ids and idempotency keys are each owner's own: two owners may both import task "1" or reuse a key. Job items
/// name their task by (owner, id); existing items take their task's owner while ids are still unique.
/// </summary>
[DbContext(typeof(JobsDbContext))]
[Migration("20261202130000_TasksPerOwner")]
public sealed class TasksPerOwner : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            ALTER TABLE jobs.job_items ADD COLUMN task_owner text;
            UPDATE jobs.job_items AS item SET task_owner = task.owner FROM jobs.tasks AS task WHERE task.id = item.task_id;
            ALTER TABLE jobs.job_items ALTER COLUMN task_owner SET NOT NULL;
            ALTER TABLE jobs.job_items DROP CONSTRAINT job_items_task_id_fkey;
            DROP INDEX jobs.ix_job_items_task_id;
            ALTER TABLE jobs.tasks DROP CONSTRAINT tasks_pkey;
            ALTER TABLE jobs.tasks ADD CONSTRAINT tasks_pkey PRIMARY KEY (owner, id);
            ALTER TABLE jobs.job_items ADD CONSTRAINT job_items_task_fkey
                FOREIGN KEY (task_owner, task_id) REFERENCES jobs.tasks (owner, id);
            CREATE INDEX ix_job_items_task ON jobs.job_items (task_owner, task_id);
            DROP INDEX jobs.ix_jobs_idempotency_key;
            CREATE UNIQUE INDEX ix_jobs_owner_idempotency_key ON jobs.jobs (owner, idempotency_key) WHERE idempotency_key IS NOT NULL;
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            DROP INDEX jobs.ix_jobs_owner_idempotency_key;
            CREATE UNIQUE INDEX ix_jobs_idempotency_key ON jobs.jobs (idempotency_key) WHERE idempotency_key IS NOT NULL;
            DROP INDEX jobs.ix_job_items_task;
            ALTER TABLE jobs.job_items DROP CONSTRAINT job_items_task_fkey;
            ALTER TABLE jobs.tasks DROP CONSTRAINT tasks_pkey;
            ALTER TABLE jobs.tasks ADD CONSTRAINT tasks_pkey PRIMARY KEY (id);
            ALTER TABLE jobs.job_items ADD CONSTRAINT job_items_task_id_fkey FOREIGN KEY (task_id) REFERENCES jobs.tasks (id);
            CREATE INDEX ix_job_items_task_id ON jobs.job_items (task_id);
            ALTER TABLE jobs.job_items DROP COLUMN task_owner;
            """);
    }
}
