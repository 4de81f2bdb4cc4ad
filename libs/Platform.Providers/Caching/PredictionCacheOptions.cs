namespace Platform.Providers.Caching;

/// <summary>Section `PredictionCache`.</summary>
public sealed class PredictionCacheOptions
{
    public const string SectionName = "PredictionCache";

    /// <summary>How long an answer is served from the cache.</summary>
    public TimeSpan Ttl { get; set; } = TimeSpan.FromHours(24);
}
