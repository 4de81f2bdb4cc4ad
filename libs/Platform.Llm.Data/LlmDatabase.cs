using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Platform.Llm.Data;

public static class LlmDatabase
{
    private const long MigrationLockKey = 0x6C6C6D; // "llm"

    /// <summary>The `llm` schema on the platform's PostgreSQL (`ConnectionStrings:postgres`).</summary>
    public static IHostApplicationBuilder AddLlmDatabase(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.PostgresConnectionString();
        // One pool for the context and for the raw SQL of the singletons (COPY, data-modifying CTEs), which borrow a
        // connection per statement instead of building a scope and a context to reach one.
        builder.Services.TryAddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        builder.Services.AddDbContext<LlmDbContext>((services, options) => options
            .UseNpgsql(services.GetRequiredService<NpgsqlDataSource>(), npgsql => npgsql.MigrationsHistoryTable("__migrations", LlmDbContext.Schema)),
            // Built once: options built per scope cost every cache lookup and usage write a rebuild of EF's configuration.
            optionsLifetime: ServiceLifetime.Singleton);
        return builder;
    }

    /// <summary>
    /// Whether every migration this build knows is applied: readers of the schema ask before their first query, so a
    /// service that starts before the Gateway has migrated waits quietly instead of logging failed queries.
    /// </summary>
    public static async Task<bool> IsMigratedAsync(this LlmDbContext db, CancellationToken cancellationToken) =>
        !(await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any();

    /// <summary>Applies the schema's migrations; only its owner, the Gateway, calls this (or its `--migrate-only` run).</summary>
    public static Task MigrateLlmDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default) =>
        services.MigrateUnderLockAsync<LlmDbContext>(MigrationLockKey, cancellationToken);
}
