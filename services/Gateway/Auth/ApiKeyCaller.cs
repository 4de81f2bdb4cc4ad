using Platform.Contracts.Http.Keys;
using System.Globalization;
using System.Security.Claims;
using Platform.Gateway.Chat;

namespace Platform.Gateway.Auth;

/// <summary>
/// Who is calling, as the rate limiter, the key endpoints and usage accounting need it; travels as the
/// request's claims. <see cref="KeyId"/> names a key without revealing it: a stored key's id, or
/// `config:0`, `config:1`, … for the configured bootstrap keys, in their configured order.
/// </summary>
public sealed record ApiKeyCaller(string KeyId, ApiKeyRole Role, int? RequestsPerMinute)
{
    public const string AdminRole = "admin";
    private const string RequestsPerMinuteClaim = "requests_per_minute";

    /// <summary>Local mode (no keys anywhere, loopback only): the operator at this machine, not limited, calling without a key.</summary>
    public static ApiKeyCaller Local { get; } = new("local", ApiKeyRole.Admin, null);

    public ClaimsPrincipal ToPrincipal(string scheme)
    {
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, KeyId),
            new(ClaimTypes.Role, Role == ApiKeyRole.Admin ? AdminRole : "user"),
        ];
        if (this != Local)
        {
            claims.Add(new Claim(CallerIdentity.ApiKeyIdClaim, KeyId));
        }

        if (RequestsPerMinute is { } limit)
        {
            claims.Add(new Claim(RequestsPerMinuteClaim, limit.ToString(CultureInfo.InvariantCulture)));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    /// <summary>The limited key behind a request, or null when the request is not limited per key.</summary>
    public static (string KeyId, int RequestsPerMinute)? LimitOf(ClaimsPrincipal user) =>
        user.FindFirst(ClaimTypes.NameIdentifier)?.Value is { } keyId
        && user.FindFirst(RequestsPerMinuteClaim)?.Value is { } limit
            ? (keyId, int.Parse(limit, CultureInfo.InvariantCulture))
            : null;
}
