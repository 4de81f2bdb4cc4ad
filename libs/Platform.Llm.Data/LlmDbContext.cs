using Microsoft.EntityFrameworkCore;

namespace Platform.Llm.Data;

/// <summary>
/// The `llm` schema: model registry and versions, prediction cache, usage records and API keys.
/// Each feature folder brings its own entities and <see cref="IEntityTypeConfiguration{TEntity}"/>.
/// </summary>
public sealed class LlmDbContext(DbContextOptions<LlmDbContext> options) : DbContext(options)
{
    public const string Schema = "llm";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(LlmDbContext).Assembly);
        modelBuilder.UseSnakeCaseColumns();
    }
}
