using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Platform.Llm.Data.Migrations;

/// <summary>
/// One row per open Gateway WebSocket, renewed by its replica while open, so that a key's connection limit counts the
/// connections of every replica and a replica that died frees its slots when their leases expire.
/// </summary>
[DbContext(typeof(LlmDbContext))]
[Migration("20261202210000_SocketLeases")]
public sealed class SocketLeases : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE llm.socket_leases (
                id          uuid PRIMARY KEY,
                key_id      text NOT NULL,
                expires_at  timestamptz NOT NULL
            );
            CREATE INDEX ix_socket_leases_key_id ON llm.socket_leases (key_id);
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP TABLE llm.socket_leases;");
    }
}
