using k8s.Models;

namespace Platform.DeployTests.Keda;

/// <summary>
/// A `keda.sh/v1alpha1` object with only the fields the platform uses: KubernetesClient has no model for KEDA's
/// kinds, and strict parsing makes any other field (a typo included) fail the render.
/// </summary>
public abstract record KedaObject<TSpec>
    where TSpec : new()
{
    public string ApiVersion { get; init; } = "";
    public string Kind { get; init; } = "";
    public V1ObjectMeta Metadata { get; init; } = new();
    public TSpec Spec { get; init; } = new();
}
