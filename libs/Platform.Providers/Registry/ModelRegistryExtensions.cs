using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Platform.Llm.Data.Security;
using Platform.Providers.Routing;

namespace Platform.Providers.Registry;

public static class ModelRegistryExtensions
{
    /// <summary>
    /// The model registry: models from `Llm:Models` and `llm.models`, kept in the shared <c>ModelCatalog</c>.
    /// Needs <c>AddLlmDatabase()</c>.
    /// </summary>
    public static IHostApplicationBuilder AddModelRegistry(this IHostApplicationBuilder builder)
    {
        builder.AddModelValidation();
        builder.AddSecretProtection();
        builder.Services.AddOptions<ModelRegistryOptions>().BindConfiguration(ModelRegistryOptions.SectionName)
            .Validate(options => options.RefreshInterval > TimeSpan.Zero, "Llm:RefreshInterval must be positive.")
            .ValidateOnStart();
        builder.Services.TryAddSingleton<ModelCatalog>();
        builder.Services.AddSingleton<ModelRegistry>();
        builder.Services.AddScoped<RegistryStore>();
        builder.Services.AddHostedService<ModelRegistryRefresher>();
        return builder;
    }
}
