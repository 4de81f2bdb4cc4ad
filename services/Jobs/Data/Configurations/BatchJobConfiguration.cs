using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Contracts;
using Platform.Jobs.Domain;

namespace Platform.Jobs.Data.Configurations;

public sealed class BatchJobConfiguration : IEntityTypeConfiguration<BatchJob>
{
    public void Configure(EntityTypeBuilder<BatchJob> builder)
    {
        builder.ToTable("jobs");
        builder.HasKey(job => job.Id);
        builder.Property(job => job.Status).HasConversion(StatusText.Converter<JobStatus>());
        builder.Property(job => job.ItemKind).HasConversion(StatusText.Converter<JobItemKind>());
        builder.OwnsMany(job => job.ModelConfigs, configs => configs.ToJson("model_configs"));
        builder.Ignore(job => job.IsEnded);
        builder.Ignore(job => job.EndedItems);
        builder.Ignore(job => job.Progress);
    }
}
