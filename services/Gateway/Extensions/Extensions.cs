using Platform.Gateway.Auth;
using Platform.Gateway.Cors;
using Platform.Gateway.Errors;
using Platform.Gateway.Forwarding;
using Platform.Gateway.Chat;
using Platform.Gateway.Predict;
using Platform.Gateway.OpenAi;
using Platform.Gateway.Realtime;
using Platform.Gateway.Routing;
using Platform.Providers;
using Platform.Llm.Data;
using Platform.Providers.Quotas.SharedCounts;
using Platform.Providers.Registry;

namespace Platform.Gateway.Extensions;

public static class Extensions
{
    private static readonly PathString SwaggerUiPath = "/swagger";

    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // The seeds' clients call http://localhost:8000; --urls or ASPNETCORE_URLS override it. Seed 001's add their port.
        builder.Configuration["urls"] ??= LoopbackGuard.DefaultUrl;
        builder.AddErrorCatalogue();
        builder.Services.AddRequestValidators();
        builder.AddRequestHeaderChecks();
        builder.AddInferenceServices();
        builder.AddApiKeys();
        builder.AddGatewayCors();
        builder.AddPlatformProviders();
        builder.AddLlmDatabase();
        builder.AddSharedQuotas();
        builder.AddModelRegistry();
        builder.AddUsageAccounting();
        builder.AddPredictionCache();
        builder.Services.AddOptions<ServicesOptions>().BindConfiguration(ServicesOptions.SectionName)
            .Validate(services => services.Jobs.BaseUrl is not null, "Services:Jobs:BaseUrl is not configured.")
            .Validate(services => services.Transformer.BaseUrl is not null, "Services:Transformer:BaseUrl is not configured.")
            .ValidateOnStart();

        builder.Services.AddInternalCalls();
        builder.Services.AddServiceForwarding();
        builder.AddInteractiveServices();
        builder.Services.AddOpenApi();
        return builder;
    }

    /// <summary>The models answered by the Gateway itself: predict, the LLM and OpenAI APIs, the WebSocket.</summary>
    private static void AddInteractiveServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<InteractiveOptions>().BindConfiguration(InteractiveOptions.SectionName)
            .Validate(options => options.TimeoutSeconds > 0, "Interactive:TimeoutSeconds must be positive.")
            .Validate(options => options.RetryAttempts >= 0, "Interactive:RetryAttempts must not be negative.")
            .ValidateOnStart();
        builder.Services.AddSingleton<InteractiveCalls>();
        builder.Services.AddSingleton<InteractivePredictor>();
        builder.Services.AddSingleton<InferenceSocket>();
        builder.Services.AddSingleton<SocketConnections>();
        builder.Services.AddSingleton<SocketLeases>();
        builder.Services.AddHostedService<SocketLeaseRenewal>();
        builder.Services.AddOptions<RealtimeOptions>().BindConfiguration(RealtimeOptions.SectionName)
            .Validate(options => options.MaxConnectionsPerKey > 0, "Realtime:MaxConnectionsPerKey must be positive.")
            .Validate(options => options.LeaseDuration >= TimeSpan.FromSeconds(1), "Realtime:LeaseDuration must be at least 1 s.")
            .ValidateOnStart();
        builder.Services.AddInternalClient<TaskContentClient>(services => services.Jobs);
    }

    public static WebApplication MapApiExplorer(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        // Only its own paths go through the UI's middleware, which would otherwise match every model call against its routes.
        app.UseWhen(context => context.Request.Path.StartsWithSegments(SwaggerUiPath), branch => branch.UseSwaggerUI(options =>
        {
            options.RoutePrefix = SwaggerUiPath.Value![1..];
            options.SwaggerEndpoint("/openapi/v1.json", "Platform Gateway");
        }));
        return app;
    }
}
