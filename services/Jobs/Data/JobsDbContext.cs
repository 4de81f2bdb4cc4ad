using Microsoft.EntityFrameworkCore;
using Platform.Jobs.Domain;
using Platform.Jobs.OpenAiBatches;
using Platform.Llm.Data;

namespace Platform.Jobs.Data;

public sealed class JobsDbContext : DbContext
{
    public const string Schema = "jobs";

    public JobsDbContext(DbContextOptions<JobsDbContext> options) : base(options)
    {
        // A failed transaction is retried whole by the execution strategy, never resumed from a savepoint; without them a
        // SaveChanges inside a transaction is one round trip instead of three (SAVEPOINT, the changes, RELEASE).
        Database.AutoSavepointsEnabled = false;
    }

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
