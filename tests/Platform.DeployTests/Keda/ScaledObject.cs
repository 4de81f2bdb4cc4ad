using k8s.Models;

namespace Platform.DeployTests.Keda;

/// <summary>
/// KEDA's `keda.sh/v1alpha1` ScaledObject, only the fields the platform uses: KubernetesClient has no model
/// for it, and strict parsing makes any other field (a typo included) fail the render.
/// </summary>
public sealed record ScaledObject
{
    public const string TypeKey = "keda.sh/v1alpha1/ScaledObject";

    public string ApiVersion { get; init; } = "";
    public string Kind { get; init; } = "";
    public V1ObjectMeta Metadata { get; init; } = new();
    public ScaledObjectSpec Spec { get; init; } = new();
}
