using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Platform.Jobs.Data.Migrations;

/// <summary>Who imported each task and submitted each job; rows from before tenancy belong to the local operator.</summary>
[DbContext(typeof(JobsDbContext))]
[Migration("20261202120000_Owners")]
public sealed class Owners : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            ALTER TABLE jobs.tasks ADD COLUMN owner text NOT NULL DEFAULT 'local';
            ALTER TABLE jobs.jobs ADD COLUMN owner text NOT NULL DEFAULT 'local';
            CREATE INDEX ix_jobs_owner_created_at ON jobs.jobs (owner, created_at);
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            DROP INDEX jobs.ix_jobs_owner_created_at;
            ALTER TABLE jobs.jobs DROP COLUMN owner;
            ALTER TABLE jobs.tasks DROP COLUMN owner;
            """);
    }
}
