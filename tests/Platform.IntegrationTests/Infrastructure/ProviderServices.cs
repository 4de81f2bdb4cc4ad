using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Providers;

namespace Platform.IntegrationTests.Infrastructure;

/// <summary>`Platform.Providers` as the services register it, in local mode with a short retry backoff.</summary>
public static class ProviderServices
{
    /// <param name="settings">Configuration on top of the defaults, e.g. `Providers:Routing:BreakDuration`.</param>
    /// <param name="add">Registrations a host adds to the providers, e.g. the `llm` database and shared quotas.</param>
    public static ServiceProvider Build(Uri? localBaseUrl = null, IReadOnlyDictionary<string, string?>? settings = null,
        Action<IHostApplicationBuilder>? add = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Providers:AllowLoopback"] = "true",
            ["Providers:RetryBaseDelay"] = "00:00:00.050",
            ["Providers:LocalBaseUrl"] = localBaseUrl?.ToString(),
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.AddPlatformProviders();
        add?.Invoke(builder);
        return builder.Services.BuildServiceProvider();
    }
}
