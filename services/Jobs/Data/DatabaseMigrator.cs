using Platform.Llm.Data;

namespace Platform.Jobs.Data;

public static class DatabaseMigrator
{
    private const long MigrationLockKey = 0x6A6F6273; // "jobs"

    public static Task MigrateJobsDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default) =>
        services.MigrateUnderLockAsync<JobsDbContext>(MigrationLockKey, cancellationToken);
}
