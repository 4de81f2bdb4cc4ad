using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Llm.Data.Registry;

public sealed class StoredModelConfiguration : IEntityTypeConfiguration<StoredModel>
{
    public void Configure(EntityTypeBuilder<StoredModel> builder)
    {
        builder.ToTable("models");
        builder.HasKey(model => model.Id);
        builder.Property(model => model.InputPerThousandTokens).HasPrecision(18, 8);
        builder.Property(model => model.OutputPerThousandTokens).HasPrecision(18, 8);
    }
}
