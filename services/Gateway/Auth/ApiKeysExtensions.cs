using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Platform.Gateway.Keys;

namespace Platform.Gateway.Auth;

public static class ApiKeysExtensions
{
    /// <summary>Admin routes are listed in <see cref="AdminRoutes"/>; this policy is for checks outside routing.</summary>
    public const string AdminPolicy = "admin";

    /// <summary>
    /// API keys (configured and stored), the admin policy and the per-key requests-per-minute limit shared by all
    /// replicas. Every endpoint needs an authenticated caller unless it opts out (health); in local mode every
    /// request is one. Call <c>app.UseSharedRateLimits()</c> after <c>UseAuthorization()</c>.
    /// </summary>
    public static IHostApplicationBuilder AddApiKeys(this IHostApplicationBuilder builder)
    {
        var keys = new ApiKeyOptions();
        builder.Configuration.GetSection(ApiKeyOptions.SectionName).Bind(keys);
        LoopbackGuard.EnsureSafeBinding(builder.Configuration, keys);
        builder.Services.AddOptions<ApiKeyOptions>().BindConfiguration(ApiKeyOptions.SectionName)
            .Validate(options => options.KeyCacheDuration > TimeSpan.Zero, "Auth:KeyCacheDuration must be positive.")
            .Validate(options => options.DefaultRequestsPerMinute >= 0, "Auth:DefaultRequestsPerMinute must not be negative.")
            .Validate(options => options.MaxCachedKeys > 0, "Auth:MaxCachedKeys must be positive.")
            .ValidateOnStart();

        // Every entry has size 1 (see ApiKeyStore), so the limit counts entries.
        builder.Services.AddMemoryCache(cache => cache.SizeLimit = keys.MaxCachedKeys);
        builder.Services.AddScoped<ApiKeyStore>();
        builder.Services.AddScoped<ApiKeyValidator>();
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireAssertion(AdminRoutes.Allows).Build())
            .AddPolicy(AdminPolicy, policy => policy.RequireRole(ApiKeyCaller.AdminRole));
        return builder;
    }
}
