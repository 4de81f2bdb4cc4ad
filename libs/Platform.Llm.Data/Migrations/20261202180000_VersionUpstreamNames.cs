using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Platform.Llm.Data.Migrations;

/// <summary>
/// A registered version keeps the upstream model name it calls beside the public name it is served as, so an answer from
/// that upstream model names its registered version. Earlier versions were registered under their upstream name.
/// </summary>
[DbContext(typeof(LlmDbContext))]
[Migration("20261202180000_VersionUpstreamNames")]
public sealed class VersionUpstreamNames : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            ALTER TABLE llm.model_versions ADD COLUMN upstream_model_name text;
            UPDATE llm.model_versions SET upstream_model_name = model_name;
            ALTER TABLE llm.model_versions ALTER COLUMN upstream_model_name SET NOT NULL;
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("ALTER TABLE llm.model_versions DROP COLUMN upstream_model_name;");
    }
}
