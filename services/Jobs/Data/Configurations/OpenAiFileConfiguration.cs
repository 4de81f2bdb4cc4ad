using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Jobs.OpenAiBatches;

namespace Platform.Jobs.Data.Configurations;

public sealed class OpenAiFileConfiguration : IEntityTypeConfiguration<OpenAiFile>
{
    public void Configure(EntityTypeBuilder<OpenAiFile> builder)
    {
        builder.ToTable("files");
        builder.HasKey(file => file.Id);
    }
}
