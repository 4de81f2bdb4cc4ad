namespace Platform.Providers.Caching;

/// <summary>Section `PredictionCache`.</summary>
public sealed class PredictionCacheOptions
{
    public const string SectionName = "PredictionCache";

    /// <summary>How long an answer is served from the cache.</summary>
    public TimeSpan Ttl { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Off (the default): each API key has its own entries, so no key can learn from a hit what another asked. On: every
    /// key shares them, for a single team that trusts itself and wants fewer paid calls.
    /// </summary>
    public bool SharedAcrossOwners { get; set; }
}
