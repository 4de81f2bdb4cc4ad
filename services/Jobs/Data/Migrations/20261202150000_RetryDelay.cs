using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Platform.Jobs.Data.Migrations;

/// <summary>A job's `batch_config.retry_delay_seconds` (seed 004's `retry_delay`); null keeps the providers' default backoff.</summary>
[DbContext(typeof(JobsDbContext))]
[Migration("20261202150000_RetryDelay")]
public sealed class RetryDelay : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("ALTER TABLE jobs.jobs ADD COLUMN retry_delay_seconds double precision;");

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("ALTER TABLE jobs.jobs DROP COLUMN retry_delay_seconds;");
}
