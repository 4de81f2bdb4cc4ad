using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Jobs.Domain;

namespace Platform.Jobs.Data.Configurations;

public sealed class AnnotationTaskConfiguration : IEntityTypeConfiguration<AnnotationTask>
{
    public void Configure(EntityTypeBuilder<AnnotationTask> builder)
    {
        builder.ToTable("tasks");
        builder.HasKey(task => new { task.Owner, task.Id });
        builder.Property(task => task.Metadata).HasColumnType("jsonb");
    }
}
