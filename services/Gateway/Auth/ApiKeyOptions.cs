namespace Platform.Gateway.Auth;

/// <summary>Section `Auth`.</summary>
public sealed class ApiKeyOptions
{
    public const string SectionName = "Auth";

    /// <summary>Accepted keys. Empty means no authentication, which is allowed only on loopback.</summary>
    public IList<string> ApiKeys { get; } = [];
}
