using Platform.Providers.Models;
using Platform.Providers.Routing;

namespace Platform.Gateway.Interim;

/// <summary>
/// Interim, until the model registry fills <see cref="ModelCatalog"/>: reads
/// `Llm:Models:N:{Id, Name, ModelType, ModelName, BaseUrl, ApiKey, InputPer1KTokens, OutputPer1KTokens,
/// RequestsPerMinute, TokensPerMinute}` at start. A model that fails validation stops the start.
/// </summary>
public sealed class ConfigCatalogSeed(IConfiguration configuration, ModelCatalog catalog, ModelConfigValidator validator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var deployments = configuration.GetSection("Llm:Models").GetChildren().Select(Read).ToList();
        if (deployments.Count > 0)
        {
            catalog.Replace(deployments);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private ModelDeployment Read(IConfigurationSection entry)
    {
        var name = entry["Name"] ?? throw new InvalidOperationException($"Llm:Models:{entry.Key}:Name is required");
        var config = new AiModelConfig
        {
            ModelType = entry["ModelType"],
            ModelName = entry["ModelName"] ?? name,
            BaseUrl = entry["BaseUrl"],
            ApiKey = entry["ApiKey"],
        };
        var errors = validator.Validate(config, $"Llm:Models:{entry.Key}");
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join("; ", errors));
        }

        return new ModelDeployment(entry["Id"] ?? name, name, ModelConfigValidator.Resolve(config))
        {
            Pricing = new ModelPricing(entry.GetValue<decimal>("InputPer1KTokens"), entry.GetValue<decimal>("OutputPer1KTokens")),
            RateLimit = new RateLimit(entry.GetValue<int?>("RequestsPerMinute"), entry.GetValue<int?>("TokensPerMinute")),
        };
    }
}
