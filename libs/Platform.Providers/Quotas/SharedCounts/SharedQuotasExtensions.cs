using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Platform.Providers.Quotas.SharedCounts;

public static class SharedQuotasExtensions
{
    /// <summary>
    /// Rate limits and deployment quotas counted in the `llm` database, shared by every replica of every host that calls
    /// this (the Gateway and the ProviderWorker). Needs <see cref="Data.LlmDatabase.AddLlmDatabase"/>.
    /// </summary>
    public static IHostApplicationBuilder AddSharedQuotas(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SharedStoreOptions>().BindConfiguration(SharedStoreOptions.SectionName)
            .Validate(options => options.Timeout > TimeSpan.Zero, "Providers:SharedStore:Timeout must be positive.")
            .Validate(options => options.BreakDuration >= TimeSpan.FromMilliseconds(500), "Providers:SharedStore:BreakDuration must be at least 0.5 s.")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SharedStore>();
        builder.Services.AddSingleton<SharedWindows>();
        return builder;
    }
}
