using System.Net;
using Microsoft.Extensions.Options;

namespace Platform.Providers.Models;

/// <summary>
/// Keeps the platform from being a proxy into private networks: a `base_url` must point at a known
/// provider host, an operator-allowed host, or (in local mode only) loopback.
/// </summary>
public sealed class BaseUrlPolicy(IOptions<ProvidersOptions> options)
{
    private readonly HashSet<string> _knownHosts = ProviderKinds.All
        .Where(kind => kind.DefaultBaseUrl is { IsLoopback: false })
        .Select(kind => kind.DefaultBaseUrl!.Host)
        .ToHashSet(StringComparer.OrdinalIgnoreCase);

    public bool IsAllowed(Uri baseUrl)
    {
        if (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps)
        {
            return false;
        }

        if (IsLoopback(baseUrl))
        {
            return options.Value.AllowLoopback;
        }

        return _knownHosts.Contains(baseUrl.Host)
            || options.Value.AllowedHosts.Contains(baseUrl.Host, StringComparer.OrdinalIgnoreCase);
    }

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
