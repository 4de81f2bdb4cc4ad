using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Platform.Jobs.Data;

/// <summary>
/// Builds the context for `dotnet ef` without starting the service (which needs RabbitMQ and configuration):
/// `dotnet ef migrations add Name --project services/Jobs --output-dir Data/Migrations`.
/// Adding a migration never connects; other commands take `--connection`.
/// </summary>
public sealed class JobsDbContextFactory : IDesignTimeDbContextFactory<JobsDbContext>
{
    public JobsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<JobsDbContext>()
            .UseNpgsql("Host=localhost;Database=platform", npgsql => npgsql.MigrationsHistoryTable("__migrations", JobsDbContext.Schema))
            .Options);
}
