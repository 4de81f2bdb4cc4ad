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
}
