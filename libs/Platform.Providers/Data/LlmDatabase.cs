using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.Providers.Data;

public static class LlmDatabase
{
    private const long MigrationLockKey = 0x6C6C6D; // "llm"

    /// <summary>The `llm` schema on the platform's PostgreSQL (`ConnectionStrings:postgres`).</summary>
    public static IHostApplicationBuilder AddLlmDatabase(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("postgres")
            ?? throw new InvalidOperationException("ConnectionStrings:postgres is not configured.");
        builder.Services.AddDbContext<LlmDbContext>(options => options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__migrations", LlmDbContext.Schema))
            // Migrations are hand-written SQL without a model snapshot, so EF cannot compare the two.
            .ConfigureWarnings(warnings => warnings.Ignore(RelationalEventId.PendingModelChangesWarning)));
        return builder;
    }

    public static Task MigrateLlmDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default) =>
        services.MigrateUnderLockAsync<LlmDbContext>(MigrationLockKey, cancellationToken);
}
