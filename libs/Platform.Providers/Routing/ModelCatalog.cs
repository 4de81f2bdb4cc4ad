using System.Collections.Immutable;

namespace Platform.Providers.Routing;

/// <summary>
/// The deployments this process can route to and the balancing settings, held in memory and swapped
/// atomically: the registry fills it from configuration and the database, the router only reads it.
/// </summary>
public sealed class ModelCatalog
{
    private ImmutableDictionary<string, ModelDeployment> _deployments = ImmutableDictionary<string, ModelDeployment>.Empty;
    private NameIndex? _byName;

    public LoadBalancingSettings LoadBalancing { get; set; } = LoadBalancingSettings.Default;

    public IReadOnlyCollection<ModelDeployment> All => _deployments.Values.ToList();

    /// <summary>Deployments answering to a public model name, in priority order.</summary>
    public IReadOnlyList<ModelDeployment> DeploymentsOf(string modelName)
    {
        // Every call is routed through here, so the grouping is made once per change of the catalog, not per call.
        var current = Volatile.Read(ref _deployments);
        var index = Volatile.Read(ref _byName);
        if (index?.Source != current)
        {
            index = new NameIndex(current);
            Volatile.Write(ref _byName, index);
        }

        return index.Of(modelName);
    }

    public ModelDeployment? Find(string deploymentId) => _deployments.GetValueOrDefault(deploymentId);

    public void Replace(IEnumerable<ModelDeployment> all) =>
        _deployments = all.ToImmutableDictionary(deployment => deployment.Id, StringComparer.Ordinal);

    public void Upsert(ModelDeployment deployment) =>
        ImmutableInterlocked.AddOrUpdate(ref _deployments, deployment.Id, deployment, (_, _) => deployment);

    public bool Remove(string deploymentId) => ImmutableInterlocked.TryRemove(ref _deployments, deploymentId, out _);

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
