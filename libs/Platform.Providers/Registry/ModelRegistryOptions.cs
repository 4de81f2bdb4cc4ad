namespace Platform.Providers.Registry;

/// <summary>Section `Llm`: models served without any API call, and how often replicas re-read the registry.</summary>
public sealed class ModelRegistryOptions
{
    public const string SectionName = "Llm";

    /// <summary>`Llm:Models:0:Id`, `…:ModelType`, `…:ApiKey` (from the environment: `Llm__Models__0__ApiKey`), ….</summary>
    public IList<ModelDefinition> Models { get; } = [];

    /// <summary>How soon a model registered through another replica is served here.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(5);
}
