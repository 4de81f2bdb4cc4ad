using System.Data.Common;
using Platform.Gateway.Auth;

namespace Platform.Gateway.RateLimiting;

public static partial class RateLimitingExtensions
{
    /// <summary>
    /// Each authenticated request of a limited key counts against its shared window (<see cref="SharedRateLimiter"/>);
    /// past the limit the answer is a 429 with Retry-After in the request's API family shape. Call after
    /// <c>UseAuthorization()</c>.
    /// </summary>
    public static WebApplication UseSharedRateLimits(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (ApiKeyCaller.LimitOf(context.User) is { } key
                && await AcquireAsync(context.RequestServices, key.KeyId, key.RequestsPerMinute, context.RequestAborted) is { Allowed: false } decision)
            {
                var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
                await ApiFamilyErrors.RateLimitedAsync(context, key.RequestsPerMinute, decision.RetryAfter, now);
                return;
            }

            await next(context);
        });
        return app;
    }

    /// <summary>
    /// Counts one request; when the database cannot be asked, the request is let through (and logged), since refusing
    /// every call for an outage of the counter would turn a degraded limit into a full outage.
    /// </summary>
    public static async Task<RateLimitDecision> AcquireAsync(IServiceProvider services, string keyId, int requestsPerMinute,
        CancellationToken cancellationToken)
    {
        try
        {
            return await services.GetRequiredService<SharedRateLimiter>().AcquireAsync(keyId, requestsPerMinute, cancellationToken);
        }
        catch (DbException e)
        {
            LogCounterUnavailable(services.GetRequiredService<ILogger<SharedRateLimiter>>(), e, keyId);
            return new RateLimitDecision(true, TimeSpan.Zero);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limit of key {KeyId} not counted: the shared counter is unavailable")]
    private static partial void LogCounterUnavailable(ILogger logger, Exception exception, string keyId);
}
