using System.Collections.Immutable;

namespace Platform.Providers.Routing;

/// <summary>
/// The deployments this process can route to and the balancing settings, held in memory and swapped
/// atomically: the registry fills it from configuration and the database, the router only reads it.
/// </summary>
public sealed class ModelCatalog
{
    private ImmutableDictionary<string, ModelDeployment> deployments = ImmutableDictionary<string, ModelDeployment>.Empty;

    public LoadBalancingSettings LoadBalancing { get; set; } = LoadBalancingSettings.Default;

    public IReadOnlyCollection<ModelDeployment> All => deployments.Values.ToList();

    /// <summary>Deployments answering to a public model name, in priority order.</summary>
    public IReadOnlyList<ModelDeployment> DeploymentsOf(string modelName) =>
        deployments.Values.Where(deployment => deployment.ModelName == modelName)
            .OrderBy(deployment => deployment.Priority).ThenBy(deployment => deployment.Id, StringComparer.Ordinal).ToList();

    public ModelDeployment? Find(string deploymentId) => deployments.GetValueOrDefault(deploymentId);

    public void Replace(IEnumerable<ModelDeployment> all) =>
        deployments = all.ToImmutableDictionary(deployment => deployment.Id, StringComparer.Ordinal);

    public void Upsert(ModelDeployment deployment) =>
        ImmutableInterlocked.AddOrUpdate(ref deployments, deployment.Id, deployment, (_, _) => deployment);

    public bool Remove(string deploymentId) => ImmutableInterlocked.TryRemove(ref deployments, deploymentId, out _);
}
