using Microsoft.EntityFrameworkCore;
using Platform.Jobs.Domain;
using Platform.Jobs.OpenAiBatches;
using Platform.Llm.Data;

namespace Platform.Jobs.Data;

public sealed class JobsDbContext(DbContextOptions<JobsDbContext> options) : DbContext(options)
{
    public const string Schema = "jobs";

    public DbSet<AnnotationTask> Tasks => Set<AnnotationTask>();
    public DbSet<BatchJob> Jobs => Set<BatchJob>();
    public DbSet<JobItem> JobItems => Set<JobItem>();
    public DbSet<OpenAiFile> Files => Set<OpenAiFile>();
    public DbSet<OpenAiBatch> OpenAiBatches => Set<OpenAiBatch>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(JobsDbContext).Assembly);
        modelBuilder.UseSnakeCaseColumns();
    }
}
