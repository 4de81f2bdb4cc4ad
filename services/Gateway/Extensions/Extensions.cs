using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Platform.Gateway.Auth;
using Platform.Gateway.Batches;
using Platform.Providers;
using Platform.Providers.Data;
using Platform.Providers.Registry;

namespace Platform.Gateway.Extensions;

public static class Extensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // The seeds' clients call http://localhost:8000; --urls or ASPNETCORE_URLS override it.
        builder.Configuration["urls"] ??= LoopbackGuard.DefaultUrl;
        var keys = new ApiKeyOptions();
        builder.Configuration.GetSection(ApiKeyOptions.SectionName).Bind(keys);
        LoopbackGuard.EnsureSafeBinding(builder.Configuration, keys);
        builder.AddPlatformProviders();
        builder.AddLlmDatabase();
        builder.AddModelRegistry();
        builder.Services.AddOptions<ApiKeyOptions>().BindConfiguration(ApiKeyOptions.SectionName);
        builder.Services.AddOptions<ServicesOptions>().BindConfiguration(ServicesOptions.SectionName)
            .Validate(services => services.Jobs.BaseUrl is not null, "Services:Jobs:BaseUrl is not configured.")
            .ValidateOnStart();

        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorization(options =>
        {
            // Every endpoint needs a key once keys exist; health endpoints opt out explicitly.
            if (keys.ApiKeys.Count > 0)
            {
                options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
            }
        });

        builder.Services.AddHttpClient<JobsForwarder>((services, client) =>
            client.BaseAddress = services.GetRequiredService<IOptions<ServicesOptions>>().Value.Jobs.BaseUrl);
        builder.Services.AddOpenApi();
        return builder;
    }

    public static WebApplication MapApiExplorer(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.UseSwaggerUI(options => options.SwaggerEndpoint("/openapi/v1.json", "Platform Gateway"));
        return app;
    }
}
