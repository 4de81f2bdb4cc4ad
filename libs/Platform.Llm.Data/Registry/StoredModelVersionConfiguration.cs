using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Llm.Data.Registry;

public sealed class StoredModelVersionConfiguration : IEntityTypeConfiguration<StoredModelVersion>
{
    public void Configure(EntityTypeBuilder<StoredModelVersion> builder)
    {
        builder.ToTable("model_versions");
        builder.HasKey(version => version.Id);
        builder.HasIndex(version => new { version.ModelType, version.ModelName, version.Version }).IsUnique();
    }
}
