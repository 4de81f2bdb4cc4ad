using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Platform.Llm.Data.Migrations;

/// <summary>
/// Per-key request counts shared by every Gateway replica: one row per key holding its current one-minute window, so
/// N replicas allow the key's limit, not N times it.
/// </summary>
[DbContext(typeof(LlmDbContext))]
[Migration("20261202140000_RateLimitWindows")]
public sealed class RateLimitWindows : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE llm.rate_limit_windows (
                key           text PRIMARY KEY,
                window_start  timestamptz NOT NULL,
                count         integer NOT NULL
            );
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP TABLE llm.rate_limit_windows;");
    }
}
