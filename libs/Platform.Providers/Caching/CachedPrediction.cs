using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Platform.Providers.Caching;

/// <summary>One cached answer (table `llm.prediction_cache`).</summary>
public sealed class CachedPrediction
{
    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}

public sealed class CachedPredictionConfiguration : IEntityTypeConfiguration<CachedPrediction>
{
    public void Configure(EntityTypeBuilder<CachedPrediction> builder)
    {
        builder.ToTable("prediction_cache");
        builder.HasKey(entry => entry.Key);
        builder.HasIndex(entry => entry.ExpiresAt);
    }
}

/// <summary>Hits and misses of every replica, spread over a few rows (table `llm.prediction_cache_counters`).</summary>
public sealed class PredictionCacheCounter
{
    public short Shard { get; set; }
    public long Hits { get; set; }
    public long Misses { get; set; }
}

public sealed class PredictionCacheCounterConfiguration : IEntityTypeConfiguration<PredictionCacheCounter>
{
    public void Configure(EntityTypeBuilder<PredictionCacheCounter> builder)
    {
        builder.ToTable("prediction_cache_counters");
        builder.HasKey(counter => counter.Shard);
        builder.Property(counter => counter.Shard).ValueGeneratedNever();
    }
}
