using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Platform.Llm.Data.Migrations;

/// <summary>Hand-written (the EF design-time package is not in the registry): the Gateway's API keys, hashed.</summary>
[DbContext(typeof(LlmDbContext))]
[Migration("20261122100200_ApiKeys")]
public sealed class ApiKeys : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE SCHEMA IF NOT EXISTS llm;

            CREATE TABLE llm.api_keys (
                id                   text PRIMARY KEY,
                name                 text NOT NULL,
                role                 text NOT NULL CHECK (role IN ('admin', 'user')),
                key_hash             bytea NOT NULL,
                requests_per_minute  integer CHECK (requests_per_minute > 0),
                created_at           timestamptz NOT NULL,
                expires_at           timestamptz,
                last_used_at         timestamptz,
                revoked_at           timestamptz
            );
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP TABLE llm.api_keys;");
    }
}
