using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Llm.Data.Caching;

public sealed class CachedPredictionConfiguration : IEntityTypeConfiguration<CachedPrediction>
{
    public void Configure(EntityTypeBuilder<CachedPrediction> builder)
    {
        builder.ToTable("prediction_cache");
        builder.HasKey(entry => entry.Key);
        builder.HasIndex(entry => entry.ExpiresAt);
    }
}
