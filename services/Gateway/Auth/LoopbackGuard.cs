using System.Net;

namespace Platform.Gateway.Auth;

/// <summary>
/// Without API keys the Gateway is open, which is acceptable only when nothing but this machine can
/// reach it. Checked before the server starts, from the addresses it is configured to bind and the
/// configured keys only: stored keys close a running Gateway (see <see cref="ApiKeyValidator"/>), but a
/// public address still needs a configured bootstrap key, so it is never open while the database is empty. A public
/// address also rules out `Providers:AllowLoopback`.
/// </summary>
public static class LoopbackGuard
{
    public const string DefaultUrl = "http://localhost:8000";
    public const string AllowLoopbackSetting = "Providers:AllowLoopback";

    public static void EnsureSafeBinding(IConfiguration configuration, ApiKeyOptions keys)
    {
        var exposed = BoundUrls(configuration).Where(url => !IsLoopback(url)).ToList();
        if (exposed.Count == 0)
        {
            return;
        }

        if (keys.ApiKeys.Count == 0)
        {
            throw new InvalidOperationException(
                $"The Gateway would listen on {string.Join(", ", exposed)} without authentication. " +
                "Configure Auth:ApiKeys (e.g. Auth__ApiKeys__0=<key>) or bind to localhost only.");
        }

        // Loopback base URLs would let anyone who reaches the Gateway call this machine's internal ports through it.
        if (configuration.GetValue<bool>(AllowLoopbackSetting))
        {
            throw new InvalidOperationException(
                $"{AllowLoopbackSetting} is for a Gateway on loopback only, and this one would listen on {string.Join(", ", exposed)}. " +
                "Turn it off or bind to localhost only.");
        }
    }

    public static IEnumerable<string> BoundUrls(IConfiguration configuration) =>
        (configuration["urls"] ?? DefaultUrl)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool IsLoopback(string url)
    {
        // Kestrel's wildcards ("*", "+") do not parse as URIs and mean every interface.
        if (!Uri.TryCreate(url.Replace("://*", "://wildcard", StringComparison.Ordinal).Replace("://+", "://wildcard", StringComparison.Ordinal),
                UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.Host == "localhost" || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }
}
