using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Jobs.Domain;

namespace Platform.Jobs.Data.Configurations;

public sealed class JobItemConfiguration : IEntityTypeConfiguration<JobItem>
{
    public void Configure(EntityTypeBuilder<JobItem> builder)
    {
        builder.ToTable("job_items");
        builder.HasKey(item => item.Id);
        builder.Property(item => item.Status).HasConversion(StatusText.Converter<JobItemStatus>());
        builder.Property(item => item.Prediction).HasColumnType("jsonb");
        builder.HasIndex(item => new { item.JobId, item.Sequence }).IsUnique();
        builder.HasIndex(item => new { item.JobId, item.Status });
        builder.HasOne<BatchJob>().WithMany().HasForeignKey(item => item.JobId);
        builder.HasOne<AnnotationTask>().WithMany().HasForeignKey(item => new { item.TaskOwner, item.TaskId });
    }
}
