namespace Platform.Gateway.Auth;

/// <summary>Section `Auth`.</summary>
public sealed class ApiKeyOptions
{
    public const string SectionName = "Auth";

    /// <summary>
    /// Bootstrap keys, accepted as admin keys without any database step. With none configured and none
    /// stored, the Gateway is open, which is allowed only on loopback.
    /// </summary>
    public IList<string> ApiKeys { get; } = [];

    /// <summary>Limit of keys without their own `requests_per_minute` (configured keys included); 0 means unlimited.</summary>
    public int DefaultRequestsPerMinute { get; set; } = 600;

    /// <summary>How long a stored key is trusted without asking PostgreSQL, so revocation reaches other replicas within it.</summary>
    public TimeSpan KeyCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Most entries the key cache holds (keys, known-absent keys, last-use marks): random `pk_`-shaped keys are remembered
    /// as absent, and past this they are simply looked up again instead of growing the cache.
    /// </summary>
    public int MaxCachedKeys { get; set; } = 10_000;
}
