using System.Collections.Immutable;

namespace Platform.Providers.Routing;

/// <summary>
/// The deployments this process can route to and the balancing settings, held in memory and swapped
/// atomically: the registry fills it from configuration and the database, the router only reads it.
/// </summary>
public sealed class ModelCatalog
{
    private ImmutableDictionary<string, ModelDeployment> deployments = ImmutableDictionary<string, ModelDeployment>.Empty;
    private NameIndex? byName;

    public LoadBalancingSettings LoadBalancing { get; set; } = LoadBalancingSettings.Default;

    public IReadOnlyCollection<ModelDeployment> All => deployments.Values.ToList();

    /// <summary>Deployments answering to a public model name, in priority order.</summary>
    public IReadOnlyList<ModelDeployment> DeploymentsOf(string modelName)
    {
        // Every call is routed through here, so the grouping is made once per change of the catalog, not per call.
        var current = Volatile.Read(ref deployments);
        var index = Volatile.Read(ref byName);
        if (index?.Source != current)
        {
            index = new NameIndex(current);
            Volatile.Write(ref byName, index);
        }

        return index.Of(modelName);
    }

    public ModelDeployment? Find(string deploymentId) => deployments.GetValueOrDefault(deploymentId);

    public void Replace(IEnumerable<ModelDeployment> all) =>
        deployments = all.ToImmutableDictionary(deployment => deployment.Id, StringComparer.Ordinal);

    public void Upsert(ModelDeployment deployment) =>
        ImmutableInterlocked.AddOrUpdate(ref deployments, deployment.Id, deployment, (_, _) => deployment);

    public bool Remove(string deploymentId) => ImmutableInterlocked.TryRemove(ref deployments, deploymentId, out _);

    /// <summary>One version of the deployments grouped by model name; a reader that finds it stale builds the next.</summary>
    private sealed class NameIndex(ImmutableDictionary<string, ModelDeployment> source)
    {
        private readonly Dictionary<string, ModelDeployment[]> _byName = source.Values
            .GroupBy(deployment => deployment.ModelName, StringComparer.Ordinal)
            .ToDictionary(group => group.Key,
                group => group.OrderBy(deployment => deployment.Priority).ThenBy(deployment => deployment.Id, StringComparer.Ordinal).ToArray(),
                StringComparer.Ordinal);

        public ImmutableDictionary<string, ModelDeployment> Source { get; } = source;

        public ModelDeployment[] Of(string modelName) => _byName.GetValueOrDefault(modelName) ?? [];
    }
}
