using Platform.Gateway.Auth;
using Platform.Gateway.RateLimiting;

namespace Platform.Gateway.Realtime;

/// <summary>
/// Checks every message of one connection as a new request would be checked: its key still valid (through the key
/// cache, so a revocation shows within `Auth:KeyCacheDuration`) and within its requests-per-minute limit.
/// </summary>
public sealed class SocketGuard(IServiceProvider requestServices, string keyId, int? requestsPerMinute)
{
    public const string Unauthorized = "UNAUTHORIZED";
    public const string RateLimitExceeded = "RATE_LIMIT_EXCEEDED";

    public async Task<SocketRefusal?> CheckAsync(CancellationToken cancellationToken)
    {
        if (await requestServices.GetRequiredService<ApiKeyValidator>().RevalidateAsync(keyId, cancellationToken) is { } failure)
        {
            return new SocketRefusal(Unauthorized, failure, null, Close: true);
        }

        if (requestsPerMinute is { } limit
            && await RateLimitingExtensions.AcquireAsync(requestServices, keyId, limit, cancellationToken) is { Allowed: false } decision)
        {
            var seconds = (int)Math.Ceiling(decision.RetryAfter.TotalSeconds);
            return new SocketRefusal(RateLimitExceeded,
                $"Rate limit reached for this API key: {limit} requests per minute. Try again in {seconds} s.", seconds, Close: false);
        }

        return null;
    }
}
