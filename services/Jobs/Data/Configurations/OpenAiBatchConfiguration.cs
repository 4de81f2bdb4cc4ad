using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Jobs.OpenAiBatches;

namespace Platform.Jobs.Data.Configurations;

public sealed class OpenAiBatchConfiguration : IEntityTypeConfiguration<OpenAiBatch>
{
    public void Configure(EntityTypeBuilder<OpenAiBatch> builder)
    {
        builder.ToTable("openai_batches");
        builder.HasKey(batch => batch.Id);
        builder.Property(batch => batch.Status).HasConversion(status => Name(status), text => Parse(text));
        builder.Property(batch => batch.Metadata).HasColumnType("jsonb");
        builder.Property(batch => batch.Errors).HasColumnType("jsonb");
        builder.Ignore(batch => batch.IsEnded);
    }

    /// <summary>OpenAI's spelling of a status (`in_progress`), as stored and shown.</summary>
    public static string Name(OpenAiBatchStatus status) => JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString());

    private static OpenAiBatchStatus Parse(string text) => Enum.Parse<OpenAiBatchStatus>(text.Replace("_", "", StringComparison.Ordinal), ignoreCase: true);
}
