using Platform.Providers.Routing;

namespace Platform.Providers.Registry;

/// <summary>A model the registry serves: its merged definition (what seed 003 lists) and the deployment the router uses.</summary>
public sealed record RegistryEntry(ModelDefinition Definition, ModelDeployment Deployment, bool Declared)
{
    public string Id => Deployment.Id;
    public string DisplayName => Definition.DisplayName ?? Id;
    public string Type => Definition.Type ?? ModelDefinition.DefaultType;
    public IReadOnlyList<string> Capabilities => Definition.Capabilities ?? ModelDefinition.DefaultCapabilities;

    public override string ToString() => Id;
}
