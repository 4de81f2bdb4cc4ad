using Platform.Gateway.Auth;
using Platform.Gateway.Errors;
using Platform.Providers.Quotas.SharedCounts;

namespace Platform.Gateway.RateLimiting;

public static class RateLimitingExtensions
{
    /// <summary>
    /// Each authenticated request of a limited key counts against its window shared by all replicas
    /// (<see cref="SharedWindows"/>, key `key:{id}`); past the limit the answer is a 429 with Retry-After in the request's
    /// API family shape. Call after <c>UseAuthorization()</c>.
    /// </summary>
    public static WebApplication UseSharedRateLimits(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (ApiKeyCaller.LimitOf(context.User) is { } key
                && await AcquireAsync(context.RequestServices, key.KeyId, key.RequestsPerMinute, context.RequestAborted) is { Allowed: false } decision)
            {
                var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
                await RateLimited(key.RequestsPerMinute, decision.RetryAfter, now).ExecuteAsync(context);
                return;
            }

            await next(context);
        });
        return app;
    }

    /// <summary>
    /// Counts one request; when the database cannot be asked, the request is let through (the store logs the outage),
    /// since refusing every call for an outage of the counter would turn a degraded limit into a full outage.
    /// </summary>
    public static async Task<RateLimitDecision> AcquireAsync(IServiceProvider services, string keyId, int requestsPerMinute,
        CancellationToken cancellationToken) =>
        await services.GetRequiredService<SharedWindows>().TryChargeAsync([new WindowCharge("key:" + keyId, 1)], cancellationToken) is [var window]
            ? new RateLimitDecision(window.Count <= requestsPerMinute, window.Left)
            : new RateLimitDecision(true, TimeSpan.Zero);

    /// <summary>429 with `Retry-After`; the details hold seed 000's documented quota fields and seed 003's `retry_after`.</summary>
    private static PlatformError RateLimited(int limit, TimeSpan retryAfter, DateTimeOffset now)
    {
        var seconds = RetryAfterHeader.Seconds(retryAfter)!.Value;
        return new PlatformError(ErrorKind.RateLimited,
            $"Rate limit reached for this API key: {limit} requests per minute. Try again in {seconds} s.",
            new { quota_limit = limit, quota_used = limit, reset_time = now.AddSeconds(seconds), requests_per_minute = limit, retry_after = seconds })
        {
            RetryAfter = retryAfter,
        };
    }
}
