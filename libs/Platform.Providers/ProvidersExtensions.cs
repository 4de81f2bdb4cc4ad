using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Contracts;
using Platform.Providers.Accounting;
using Platform.Providers.Caching;
using Platform.Providers.Clients;
using Platform.Providers.Embeddings;
using Platform.Providers.Models;
using Platform.Providers.Prediction;
using Platform.Providers.Resilience;
using Platform.Providers.Routing;
using Platform.Providers.Security;

namespace Platform.Providers;

public static class ProvidersExtensions
{
    /// <summary>Everything needed to validate model configs and call providers.</summary>
    public static IHostApplicationBuilder AddPlatformProviders(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProvidersOptions>().BindConfiguration(ProvidersOptions.SectionName);
        builder.Services.AddOptions<RoutingOptions>().BindConfiguration(RoutingOptions.SectionName);
        builder.Services.AddOptions<SecretsOptions>().BindConfiguration(SecretsOptions.SectionName);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SecretProtector>();
        builder.Services.AddSingleton<BaseUrlPolicy>();
        builder.Services.AddSingleton<ModelConfigValidator>();
        builder.Services.AddSingleton<ProviderResilience>();
        builder.Services.AddSingleton<ChatClientFactory>();
        builder.Services.AddSingleton<ProviderEmbeddings>();
        builder.Services.AddTransient<ResponseSizeLimitHandler>();
        // Accounting and the prediction cache need the `llm` database; hosts without it predict without them.
        builder.Services.AddSingleton(services => new Predictor(services.GetRequiredService<ModelRouter>(),
            services.GetRequiredService<TimeProvider>(), services.GetService<UsageRecorder>(), services.GetService<AnswerCache>()));
        builder.Services.AddSingleton<ModelCatalog>();
        builder.Services.AddSingleton<DeploymentStates>();
        builder.Services.AddSingleton<DeploymentBalancer>();
        builder.Services.AddSingleton<ModelRouter>();
        builder.Services.AddSingleton<DeploymentHealthChecker>();
        builder.Services.AddHostedService<DeploymentHealthCheckService>();

        // Timeouts come from the per-call policy; redirects are refused so an allowed host cannot bounce us elsewhere.
        // The clients live as long as their deployment's state, so the handler is never rotated: connections are
        // renewed by the handler itself instead (to follow DNS changes). Failures are logged as ProviderExceptions,
        // so the factory's per-request log scopes and lines are left out.
        AddProviderHttpClient(builder.Services, ChatClientFactory.HttpClientName, _ => { });
        // Only the TransformerWorker, never an external provider, is sent the internal token (when one is configured).
        var internalToken = builder.Configuration["Internal:Token"];
        AddProviderHttpClient(builder.Services, ChatClientFactory.LocalHttpClientName, client =>
        {
            if (!string.IsNullOrEmpty(internalToken))
            {
                client.DefaultRequestHeaders.TryAddWithoutValidation(InternalHeaders.Token, internalToken);
            }
        });
        return builder;
    }

    private static void AddProviderHttpClient(IServiceCollection services, string name, Action<HttpClient> configure) =>
        services.AddHttpClient(name, client =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan;
                configure(client);
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            })
            .AddHttpMessageHandler<ResponseSizeLimitHandler>()
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();

    /// <summary>
    /// Usage and cost records, written in batches by a background writer; callers use <see cref="UsageRecorder"/>.
    /// Needs <see cref="Data.LlmDatabase.AddLlmDatabase"/>.
    /// </summary>
    public static IHostApplicationBuilder AddUsageAccounting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<UsageAccountingOptions>().BindConfiguration(UsageAccountingOptions.SectionName);
        builder.Services.AddSingleton<UsageRecorder>();
        builder.Services.AddSingleton<Embedder>();
        builder.Services.AddSingleton<UsageStore>();
        builder.Services.AddSingleton<UsageStatistics>();
        builder.Services.AddHostedService<UsageWriter>();
        return builder;
    }

    /// <summary>The prediction cache shared by every replica (the Jobs service purges expired entries). Needs the `llm` database.</summary>
    public static IHostApplicationBuilder AddPredictionCache(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PredictionCacheOptions>().BindConfiguration(PredictionCacheOptions.SectionName);
        builder.Services.AddSingleton<PredictionCache>();
        builder.Services.AddSingleton<AnswerCache>();
        return builder;
    }
}
