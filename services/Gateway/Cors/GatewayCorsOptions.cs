namespace Platform.Gateway.Cors;

/// <summary>
/// Section `Cors`: which browser pages may call the API (seed 003's JavaScript client). Pages served from this machine
/// (localhost, 127.0.0.1, [::1], any port) may unless <see cref="AllowLoopback"/> is off; any other origin only when listed.
/// </summary>
public sealed class GatewayCorsOptions
{
    public const string SectionName = "Cors";

    /// <summary>Exact origins, e.g. `https://annotate.example.com` (scheme, host and port; no path).</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    public bool AllowLoopback { get; set; } = true;

    public bool Allows(string origin) =>
        AllowedOrigins.Contains(origin.TrimEnd('/'), StringComparer.OrdinalIgnoreCase)
        || (AllowLoopback && Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.IsLoopback);
}
