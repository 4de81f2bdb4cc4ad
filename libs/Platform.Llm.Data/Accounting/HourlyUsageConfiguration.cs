using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Llm.Data.Accounting;

public sealed class HourlyUsageConfiguration : IEntityTypeConfiguration<HourlyUsage>
{
    public void Configure(EntityTypeBuilder<HourlyUsage> builder)
    {
        builder.ToTable("usage_hourly");
        builder.HasKey(total => new { total.Hour, total.ModelName });
        builder.Property(total => total.Cost).HasPrecision(24, 10);
    }
}
