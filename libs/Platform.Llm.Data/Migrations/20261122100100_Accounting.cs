using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Platform.Llm.Data.Migrations;

/// <summary>
/// Usage records with their hourly rollup, and the prediction cache with its hit/miss counters.
/// Stats over long periods read the rollup (one row per hour and model), so they stay fast with
/// millions of records; latency percentiles read the records of a recent window through the
/// (created_at, model_name) index. Counters are split into shards so that replicas counting hits
/// at once do not queue on one row.
/// </summary>
[DbContext(typeof(LlmDbContext))]
[Migration("20261122100100_Accounting")]
public sealed class Accounting : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE SCHEMA IF NOT EXISTS llm;

            CREATE TABLE llm.usage_records (
                id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                created_at         timestamptz NOT NULL,
                model_name         text NOT NULL,
                deployment_id      text,
                source             text NOT NULL,
                prompt_tokens      integer NOT NULL,
                completion_tokens  integer NOT NULL,
                tokens_estimated   boolean NOT NULL,
                cost               numeric(20, 10) NOT NULL,
                latency_ms         integer NOT NULL,
                success            boolean NOT NULL,
                error_code         text,
                api_key_id         text
            );
            CREATE INDEX ix_usage_records_created_at_model ON llm.usage_records (created_at, model_name);

            CREATE TABLE llm.usage_hourly (
                hour               timestamptz NOT NULL,
                model_name         text NOT NULL,
                requests           bigint NOT NULL,
                failures           bigint NOT NULL,
                prompt_tokens      bigint NOT NULL,
                completion_tokens  bigint NOT NULL,
                cost               numeric(24, 10) NOT NULL,
                latency_ms_total   bigint NOT NULL,
                PRIMARY KEY (hour, model_name)
            );

            CREATE TABLE llm.prediction_cache (
                key         text PRIMARY KEY,
                value       text NOT NULL,
                created_at  timestamptz NOT NULL,
                expires_at  timestamptz NOT NULL
            );
            CREATE INDEX ix_prediction_cache_expires_at ON llm.prediction_cache (expires_at);

            CREATE TABLE llm.prediction_cache_counters (
                shard   smallint PRIMARY KEY,
                hits    bigint NOT NULL,
                misses  bigint NOT NULL
            );
            INSERT INTO llm.prediction_cache_counters (shard, hits, misses)
            SELECT shard, 0, 0 FROM generate_series(0, 15) AS shard;
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            DROP TABLE llm.prediction_cache_counters;
            DROP TABLE llm.prediction_cache;
            DROP TABLE llm.usage_hourly;
            DROP TABLE llm.usage_records;
            """);
    }
}
