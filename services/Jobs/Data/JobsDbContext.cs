using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Jobs.Domain;

namespace Platform.Jobs.Data;

public sealed class JobsDbContext(DbContextOptions<JobsDbContext> options) : DbContext(options)
{
    public const string Schema = "jobs";

    public DbSet<AnnotationTask> Tasks => Set<AnnotationTask>();
    public DbSet<BatchJob> Jobs => Set<BatchJob>();
    public DbSet<JobItem> JobItems => Set<JobItem>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(JobsDbContext).Assembly);
        UseSnakeCaseColumns(modelBuilder);
    }

    /// <summary>Columns follow PostgreSQL's snake_case, matching the hand-written migrations.</summary>
    private static void UseSnakeCaseColumns(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(entity => !entity.IsMappedToJson()))
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name));
            }
        }
    }
}
