using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Platform.Gateway.Auth;
using Platform.Gateway.Batches;
using Platform.Gateway.Interactive;
using Platform.Gateway.Interim;
using Platform.Gateway.Realtime;
using Platform.Providers;
using Platform.Providers.Data;

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
        builder.AddUsageAccounting();
        builder.AddPredictionCache();
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
        builder.AddInteractiveServices();
        builder.Services.AddOpenApi();
        return builder;
    }

    /// <summary>The models answered by the Gateway itself: predict, the LLM and OpenAI APIs, the WebSocket.</summary>
    private static void AddInteractiveServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<InteractiveOptions>().BindConfiguration(InteractiveOptions.SectionName);
        builder.Services.AddSingleton<InteractiveCalls>();
        builder.Services.AddSingleton<InteractivePredictor>();
        builder.Services.AddSingleton<InferenceSocket>();
        builder.Services.AddHttpClient<TaskContentClient>((services, client) =>
            client.BaseAddress = services.GetRequiredService<IOptions<ServicesOptions>>().Value.Jobs.BaseUrl);
        builder.Services.AddExceptionHandler<BodyErrorHandler>();
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddHostedService<ConfigCatalogSeed>();
    }

    public static WebApplication MapApiExplorer(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.UseSwaggerUI(options => options.SwaggerEndpoint("/openapi/v1.json", "Platform Gateway"));
        return app;
    }
}
