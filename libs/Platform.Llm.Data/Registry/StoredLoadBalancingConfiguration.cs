using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Llm.Data.Registry;

public sealed class StoredLoadBalancingConfiguration : IEntityTypeConfiguration<StoredLoadBalancing>
{
    public void Configure(EntityTypeBuilder<StoredLoadBalancing> builder)
    {
        builder.ToTable("load_balancing");
        builder.HasKey(settings => settings.Id);
        builder.Property(settings => settings.Id).ValueGeneratedNever();
        builder.Property(settings => settings.Weights).HasColumnType("jsonb");
    }
}
