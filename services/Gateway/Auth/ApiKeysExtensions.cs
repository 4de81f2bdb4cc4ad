using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;
using Platform.Gateway.Errors;
using Platform.Gateway.Keys;

namespace Platform.Gateway.Auth;

public static class ApiKeysExtensions
{
    /// <summary>Admin routes are listed in <see cref="AdminRoutes"/>; this policy is for checks outside routing.</summary>
    public const string AdminPolicy = "admin";

    /// <summary>
    /// API keys (configured and stored), the admin policy and the per-key requests-per-minute limit.
    /// Every endpoint needs an authenticated caller unless it opts out (health); in local mode every
    /// request is one. Call <c>app.UseRateLimiter()</c> after <c>UseAuthorization()</c>.
    /// </summary>
    public static IHostApplicationBuilder AddApiKeys(this IHostApplicationBuilder builder)
    {
        var keys = new ApiKeyOptions();
        builder.Configuration.GetSection(ApiKeyOptions.SectionName).Bind(keys);
        LoopbackGuard.EnsureSafeBinding(builder.Configuration, keys);
        builder.Services.AddOptions<ApiKeyOptions>().BindConfiguration(ApiKeyOptions.SectionName)
            .Validate(options => options.KeyCacheDuration > TimeSpan.Zero, "Auth:KeyCacheDuration must be positive.")
            .Validate(options => options.DefaultRequestsPerMinute >= 0, "Auth:DefaultRequestsPerMinute must not be negative.")
            .ValidateOnStart();

        builder.Services.AddMemoryCache();
        builder.Services.AddScoped<ApiKeyStore>();
        builder.Services.AddScoped<ApiKeyValidator>();
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireAssertion(AdminRoutes.Allows).Build())
            .AddPolicy(AdminPolicy, policy => policy.RequireRole(ApiKeyCaller.AdminRole));
        builder.Services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                ApiKeyCaller.LimitOf(context.User) is { } key
                    ? RateLimitPartition.GetFixedWindowLimiter(key.KeyId, _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = key.RequestsPerMinute,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter(string.Empty));
            options.OnRejected = (rejection, _) =>
            {
                var context = rejection.HttpContext;
                var retryAfter = rejection.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
                return new ValueTask(RateLimited(ApiKeyCaller.LimitOf(context.User)!.Value.RequestsPerMinute, retryAfter, now).ExecuteAsync(context));
            };
        });
        return builder;
    }

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
