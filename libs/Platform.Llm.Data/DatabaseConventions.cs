using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Platform.Llm.Data;

/// <summary>
/// What every platform schema shares: one connection budget per pool, statements prepared once, snake_case columns and
/// migrations applied one replica at a time.
/// </summary>
public static class DatabaseConventions
{
    /// <summary>
    /// Connections one pool may hold unless the connection string says otherwise. Npgsql's own default (100) lets two
    /// busy worker replicas exhaust the server's max_connections, after which every new connection is a forked backend
    /// that PostgreSQL refuses ("too many clients"); a smaller pool makes a burst wait its turn instead.
    /// </summary>
    public const int DefaultMaxPoolSize = 20;

    /// <summary>
    /// Statements a connection prepares once it has run them a few times, unless the connection string says otherwise.
    /// The platform runs a handful of statements over and over (results, claims, cache lookups and stores); unprepared,
    /// PostgreSQL spent half its CPU parsing and planning them again on every call.
    /// </summary>
    public const int DefaultMaxAutoPrepare = 64;

    /// <summary>
    /// Whether a connection goes back to the pool without Npgsql's reset, unless the connection string says otherwise. The
    /// reset is six statements (`RESET ALL`, `UNLISTEN *`, `pg_advisory_unlock_all()` and others) that PostgreSQL runs before
    /// the connection's next command: about three times per batch item, 12 % of PostgreSQL's CPU per item at window 10 in
    /// bench/Platform.Batch.Bench. The platform leaves no session state to reset: its settings and locks are scoped to their
    /// transaction (`set_config(..., true)`, `pg_advisory_xact_lock`), and the migration lock is released before its
    /// connection is returned. Hangfire, which listens for notifications, asks for the reset (<see cref="WithConnectionReset"/>).
    /// </summary>
    public const bool DefaultNoResetOnClose = true;

    /// <summary>`ConnectionStrings:postgres`, with the platform's pool size, automatic preparation and pool return where it sets none.</summary>
    public static string PostgresConnectionString(this IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("postgres")
            ?? throw new InvalidOperationException("ConnectionStrings:postgres is not configured.");
        // Npgsql's builder reports every keyword it knows as present, so the keywords as written are looked at.
        var written = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (Unwritten("Maximum Pool Size", "MaxPoolSize"))
        {
            settings.MaxPoolSize = DefaultMaxPoolSize;
        }

        if (Unwritten("Max Auto Prepare", "MaxAutoPrepare"))
        {
            settings.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        if (Unwritten("No Reset On Close", "NoResetOnClose"))
        {
            settings.NoResetOnClose = DefaultNoResetOnClose;
        }

        return settings.ConnectionString;

        bool Unwritten(string keyword, string alias) => !written.ContainsKey(keyword) && !written.ContainsKey(alias);
    }

    /// <summary>
    /// <paramref name="connectionString"/> with Npgsql's reset on pool return, for a library that leaves session state behind
    /// (Hangfire's `LISTEN`): the next user of the connection must not inherit it.
    /// </summary>
    public static string WithConnectionReset(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = false }.ConnectionString;

    /// <summary>Columns follow PostgreSQL's snake_case, matching the hand-written migrations.</summary>
    public static ModelBuilder UseSnakeCaseColumns(this ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(entity => !entity.IsMappedToJson()))
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name));
            }
        }
        return modelBuilder;
    }

    /// <summary>
    /// Applies pending migrations under a PostgreSQL advisory lock, so replicas starting together
    /// migrate one at a time. <paramref name="lockKey"/> is any number, the same in every replica.
    /// </summary>
    public static async Task MigrateUnderLockAsync<TContext>(this IServiceProvider services, long lockKey,
        CancellationToken cancellationToken = default)
        where TContext : DbContext
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({lockKey})", cancellationToken);
            // Else, on a fresh database, EF first queries the missing history table and logs that as a failure.
            await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
        }
        finally
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({lockKey})", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }
}
