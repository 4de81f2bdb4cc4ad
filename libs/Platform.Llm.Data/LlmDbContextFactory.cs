using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Platform.Llm.Data;

/// <summary>
/// Builds the context for `dotnet ef` (a class library has no host to ask):
/// `dotnet ef migrations add Name --project libs/Platform.Llm.Data --output-dir Migrations`.
/// Adding a migration never connects; other commands take `--connection`.
/// </summary>
public sealed class LlmDbContextFactory : IDesignTimeDbContextFactory<LlmDbContext>
{
    public LlmDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<LlmDbContext>()
            .UseNpgsql("Host=localhost;Database=platform", npgsql => npgsql.MigrationsHistoryTable("__migrations", LlmDbContext.Schema))
            .Options);
}
