using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Providers.Registry.Storage;

public sealed class StoredModelConfiguration : IEntityTypeConfiguration<StoredModel>
{
    public void Configure(EntityTypeBuilder<StoredModel> builder)
    {
        builder.ToTable("models");
        builder.HasKey(model => model.Id);
    }
}
