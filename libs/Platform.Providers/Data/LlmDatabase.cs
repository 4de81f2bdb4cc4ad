using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Platform.Providers.Data;

public static class LlmDatabase
{
    private const long MigrationLockKey = 0x6C6C6D; // "llm"

    /// <summary>The `llm` schema on the platform's PostgreSQL (`ConnectionStrings:postgres`).</summary>
    public static IHostApplicationBuilder AddLlmDatabase(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("postgres")
            ?? throw new InvalidOperationException("ConnectionStrings:postgres is not configured.");
        // One pool for the context and for the raw SQL of the singletons (COPY, data-modifying CTEs), which borrow a
        // connection per statement instead of building a scope and a context to reach one.
        builder.Services.TryAddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        builder.Services.AddDbContext<LlmDbContext>((services, options) => options
            .UseNpgsql(services.GetRequiredService<NpgsqlDataSource>(), npgsql => npgsql.MigrationsHistoryTable("__migrations", LlmDbContext.Schema))
            // Migrations are hand-written SQL without a model snapshot, so EF cannot compare the two.
            .ConfigureWarnings(warnings => warnings.Ignore(RelationalEventId.PendingModelChangesWarning)),
            // Built once: options built per scope cost every cache lookup and usage write a rebuild of EF's configuration.
            optionsLifetime: ServiceLifetime.Singleton);
        return builder;
    }

    public static Task MigrateLlmDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default) =>
        services.MigrateUnderLockAsync<LlmDbContext>(MigrationLockKey, cancellationToken);
}
