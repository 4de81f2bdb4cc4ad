using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Providers.Clients;
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
        builder.Services.AddSingleton<Predictor>();
        builder.Services.AddSingleton<ModelCatalog>();
        builder.Services.AddSingleton<DeploymentStates>();
        builder.Services.AddSingleton<DeploymentBalancer>();
        builder.Services.AddSingleton<ModelRouter>();
        builder.Services.AddSingleton<DeploymentHealthChecker>();
        builder.Services.AddHostedService<DeploymentHealthCheckService>();

        // Timeouts come from the per-call policy; redirects are refused so an allowed host cannot bounce us elsewhere.
        builder.Services.AddHttpClient(ChatClientFactory.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        return builder;
    }
}
