using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Platform.Llm.Data.Migrations;

/// <summary>
/// Hand-written (the EF design-time package is not in the registry): the model registry. Columns of
/// `models` other than the id are nullable because a row may only overlay a model declared in
/// configuration. `load_balancing` holds a single row (id 1) that every replica reads.
/// </summary>
[DbContext(typeof(LlmDbContext))]
[Migration("20261122100000_Registry")]
public sealed class RegistrySchema : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE SCHEMA IF NOT EXISTS llm;

            CREATE TABLE llm.models (
                id                          text PRIMARY KEY,
                model                       text,
                model_type                  text,
                model_name                  text,
                base_url                    text,
                encrypted_api_key           text,
                display_name                text,
                type                        text,
                capabilities                text[],
                max_tokens                  integer,
                context_window              integer,
                input_per_thousand_tokens   numeric(18, 8),
                output_per_thousand_tokens  numeric(18, 8),
                enabled                     boolean,
                priority                    integer,
                weight                      double precision,
                requests_per_minute         integer,
                tokens_per_minute           integer,
                fallback_models             text[],
                default_temperature         double precision,
                default_max_tokens          integer,
                prompt_template             text,
                created_at                  timestamptz NOT NULL,
                updated_at                  timestamptz NOT NULL
            );

            CREATE TABLE llm.model_versions (
                id                 uuid PRIMARY KEY,
                model_type         text NOT NULL,
                model_name         text NOT NULL,
                version            text NOT NULL,
                description        text,
                base_url           text,
                encrypted_api_key  text,
                temperature        double precision,
                max_tokens         integer,
                prompt_template    text,
                created_at         timestamptz NOT NULL
            );
            CREATE UNIQUE INDEX ix_model_versions_type_name_version ON llm.model_versions (model_type, model_name, version);

            CREATE TABLE llm.load_balancing (
                id                             integer PRIMARY KEY CHECK (id = 1),
                strategy                       text NOT NULL,
                health_check_interval_seconds  integer NOT NULL,
                failure_threshold              integer NOT NULL,
                recovery_threshold             integer NOT NULL,
                weights                        jsonb NOT NULL,
                updated_at                     timestamptz NOT NULL
            );
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP TABLE llm.load_balancing; DROP TABLE llm.model_versions; DROP TABLE llm.models;");
    }
}
