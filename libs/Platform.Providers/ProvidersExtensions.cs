using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
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

namespace Platform.Providers;

public static class ProvidersExtensions
{
    /// <summary>
    /// Calling providers: the router, its Polly pipelines, the provider clients and the deployment health probes.
    /// Only hosts that route calls (the Gateway, the ProviderWorker) add it.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformProviders(this IHostApplicationBuilder builder)
    {
        builder.AddModelValidation();
        builder.Services.AddOptions<RoutingOptions>().BindConfiguration(RoutingOptions.SectionName)
            .Validate(options => options.FailureRatio is > 0 and <= 1, "Providers:Routing:FailureRatio must be in (0, 1].")
            .Validate(options => options.MinimumThroughput >= 2, "Providers:Routing:MinimumThroughput must be at least 2.")
            .Validate(options => options.SamplingDuration >= TimeSpan.FromMilliseconds(500) && options.BreakDuration >= TimeSpan.FromMilliseconds(500),
                "Providers:Routing:SamplingDuration and BreakDuration must be at least 0.5 s.")
            .Validate(options => options.DefaultDeadline > TimeSpan.Zero && options.ProbeTimeout > TimeSpan.Zero,
                "Providers:Routing:DefaultDeadline and ProbeTimeout must be positive.")
            // Zero is allowed: no burst, calls spread evenly over the minute.
            .Validate(options => options.QuotaBurst >= TimeSpan.Zero, "Providers:Routing:QuotaBurst must not be negative.")
            .Validate(options => options.StatisticsWindow > 0 && options.MaxAdHocDeployments > 0,
                "Providers:Routing:StatisticsWindow and MaxAdHocDeployments must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ProviderResilience>();
        builder.Services.AddSingleton<ChatClientFactory>();
        builder.Services.AddSingleton<ProviderEmbeddings>();
        builder.Services.AddTransient<ResponseSizeLimitHandler>();
        // Accounting and the prediction cache need the `llm` database; hosts without it predict without them.
        builder.Services.AddSingleton(services => new Predictor(services.GetRequiredService<ModelRouter>(),
            services.GetRequiredService<TimeProvider>(), services.GetService<UsageRecorder>(), services.GetService<AnswerCache>()));
        // Accounts for what it embeds: needs AddUsageAccounting.
        builder.Services.AddSingleton<Embedder>();
        builder.Services.TryAddSingleton<ModelCatalog>();
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

    /// <summary>
    /// Checking model configs (provider, base URL allowlist, prompt template) without calling anyone: what a host
    /// that accepts configs but never routes (Jobs) needs. Safe to add more than once.
    /// </summary>
    public static IHostApplicationBuilder AddModelValidation(this IHostApplicationBuilder builder)
    {
        if (builder.Services.Any(service => service.ServiceType == typeof(ModelConfigValidator)))
        {
            return builder;
        }

        builder.Services.AddOptions<ProvidersOptions>().BindConfiguration(ProvidersOptions.SectionName)
            .Validate(options => options.RetryBaseDelay > TimeSpan.Zero, "Providers:RetryBaseDelay must be positive.")
            .Validate(options => options.MaxRetryAfter > TimeSpan.Zero, "Providers:MaxRetryAfter must be positive.")
            .Validate(options => options.MaxResponseBytes > 0, "Providers:MaxResponseBytes must be positive.")
            .Validate(options => options.LocalBaseUrl is null || options.LocalBaseUrl.IsAbsoluteUri, "Providers:LocalBaseUrl must be an absolute URL.")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<BaseUrlPolicy>();
        builder.Services.AddSingleton<ModelConfigValidator>();
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
    /// Needs <c>AddLlmDatabase()</c>.
    /// </summary>
    public static IHostApplicationBuilder AddUsageAccounting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<UsageAccountingOptions>().BindConfiguration(UsageAccountingOptions.SectionName)
            .Validate(options => options.Capacity > 0 && options.MaxBatchSize > 0 && options.WriteAttempts > 0,
                "Accounting:Capacity, MaxBatchSize and WriteAttempts must be positive.")
            .Validate(options => options.FlushInterval > TimeSpan.Zero, "Accounting:FlushInterval must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<UsageRecorder>();
        builder.Services.AddSingleton<UsageStore>();
        builder.Services.AddSingleton<UsageStatistics>();
        builder.Services.AddHostedService<UsageWriter>();
        return builder;
    }

    /// <summary>The prediction cache shared by every replica (the Jobs service purges expired entries). Needs the `llm` database.</summary>
    public static IHostApplicationBuilder AddPredictionCache(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PredictionCacheOptions>().BindConfiguration(PredictionCacheOptions.SectionName)
            .Validate(options => options.Ttl > TimeSpan.Zero, "PredictionCache:Ttl must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<PredictionCache>();
        builder.Services.AddSingleton<AnswerCache>();
        return builder;
    }
}
