using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.Providers.Registry;

public static class ModelRegistryExtensions
{
    /// <summary>
    /// The model registry: models from `Llm:Models` and `llm.models`, kept in the shared <c>ModelCatalog</c>.
    /// Needs <c>AddPlatformProviders()</c> and <c>AddLlmDatabase()</c>.
    /// </summary>
    public static IHostApplicationBuilder AddModelRegistry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ModelRegistryOptions>().BindConfiguration(ModelRegistryOptions.SectionName)
            .Validate(options => options.RefreshInterval > TimeSpan.Zero, "Llm:RefreshInterval must be positive.");
        builder.Services.AddSingleton<ModelRegistry>();
        builder.Services.AddScoped<RegistryStore>();
        builder.Services.AddHostedService<ModelRegistryRefresher>();
        return builder;
    }
}
