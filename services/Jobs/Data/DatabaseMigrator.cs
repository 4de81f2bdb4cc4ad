using Microsoft.EntityFrameworkCore;

namespace Platform.Jobs.Data;

public static class DatabaseMigrator
{
    /// <summary>Any number, the same in every replica: replicas starting together migrate one at a time.</summary>
    private const long MigrationLockKey = 0x6A6F6273; // "jobs"

    /// <summary>Applies pending migrations under a PostgreSQL advisory lock.</summary>
    public static async Task MigrateJobsDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<JobsDbContext>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
        }
        finally
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }
}
