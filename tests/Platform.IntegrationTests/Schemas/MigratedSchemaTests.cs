using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.IntegrationTests.Infrastructure;
using Platform.Jobs.Data;
using Platform.Llm.Data;

namespace Platform.IntegrationTests.Schemas;

/// <summary>
/// The hand-written migrations build the schemas the EF models describe: each schema as the running platform migrated
/// it has every table and column of a database created from the model alone, with the same types and nullability. The
/// tables only the migrations create are those read and written with raw SQL, named here.
/// </summary>
public sealed class MigratedSchemaTests
{
    private const string ColumnsSql = """
        SELECT table_name || '.' || column_name || ' ' || data_type
               || coalesce('(' || character_maximum_length || ')', '')
               || coalesce('(' || numeric_precision || ',' || numeric_scale || ')', '')
               || CASE is_nullable WHEN 'YES' THEN ' null' ELSE ' not null' END
        FROM information_schema.columns
        WHERE table_schema = @schema AND table_name <> '__migrations'
        ORDER BY 1
        """;

    /// <summary>Tables kept outside the EF model: counts and leases that replicas share through single SQL statements.</summary>
    private static readonly string[] LlmRawSqlTables = ["rate_limit_windows", "socket_leases"];

    /// <summary>Stored in parts written and read as streams of bytes.</summary>
    private static readonly string[] JobsRawSqlTables = ["file_chunks"];

    /// <summary>Columns the migration makes stricter than EF can say (an owned JSON collection cannot be marked required), as the model has them.</summary>
    private static readonly Dictionary<string, string> JobsStricterColumns = new() { ["jobs.model_configs jsonb not null"] = "jobs.model_configs jsonb null" };

    [Test]
    public Task The_llm_migrations_build_the_schema_of_the_model() =>
        AssertMigratedAsModelledAsync<LlmDbContext>(options => new LlmDbContext(options.Options), LlmDbContext.Schema, LlmRawSqlTables, new Dictionary<string, string>());

    [Test]
    public Task The_jobs_migrations_build_the_schema_of_the_model() =>
        AssertMigratedAsModelledAsync<JobsDbContext>(options => new JobsDbContext(options.Options), JobsDbContext.Schema, JobsRawSqlTables, JobsStricterColumns);

    private static async Task AssertMigratedAsModelledAsync<TContext>(Func<DbContextOptionsBuilder<TContext>, TContext> create,
        string schema, string[] rawSqlTables, Dictionary<string, string> stricterColumns)
        where TContext : DbContext
    {
        var fromModel = await PlatformFixture.Stack.Postgres.CreateDatabaseAsync($"{schema}_schema_from_model");
        await using (var db = create(new DbContextOptionsBuilder<TContext>().UseNpgsql(fromModel)))
        {
            await db.Database.ExecuteSqlRawAsync(db.Database.GenerateCreateScript());
        }

        var migrated = await ColumnsAsync(PlatformFixture.Stack.DatabaseConnectionString, schema);
        var modelled = await ColumnsAsync(fromModel, schema);

        var inModel = migrated.Where(column => !rawSqlTables.Any(table => column.StartsWith(table + ".", StringComparison.Ordinal)))
            .Select(column => stricterColumns.GetValueOrDefault(column, column))
            .ToList();
        Assert.Multiple(() =>
        {
            Assert.That(inModel.Except(modelled), Is.Empty, "columns the migrations build differently from the model, or beyond it");
            Assert.That(modelled.Except(inModel), Is.Empty, "columns of the model the migrations build differently, or not at all");
        });
        Assert.That(rawSqlTables.Where(table => !migrated.Any(column => column.StartsWith(table + ".", StringComparison.Ordinal))), Is.Empty,
            "the raw-SQL tables exist");
    }

    private static async Task<List<string>> ColumnsAsync(string connectionString, string schema)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(ColumnsSql, connection);
        command.Parameters.AddWithValue("schema", schema);
        await using var reader = await command.ExecuteReaderAsync();
        var columns = new List<string>();
        while (await reader.ReadAsync())
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }
}
