using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Llm.Data.Caching;

public sealed class PredictionCacheCounterConfiguration : IEntityTypeConfiguration<PredictionCacheCounter>
{
    public void Configure(EntityTypeBuilder<PredictionCacheCounter> builder)
    {
        builder.ToTable("prediction_cache_counters");
        builder.HasKey(counter => counter.Shard);
        builder.Property(counter => counter.Shard).ValueGeneratedNever();
    }
}
