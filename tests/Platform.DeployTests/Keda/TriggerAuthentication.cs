using k8s.Models;

namespace Platform.DeployTests.Keda;

/// <summary>KEDA's `keda.sh/v1alpha1` TriggerAuthentication, strictly parsed like <see cref="ScaledObject"/>.</summary>
public sealed record TriggerAuthentication
{
    public const string TypeKey = "keda.sh/v1alpha1/TriggerAuthentication";

    public string ApiVersion { get; init; } = "";
    public string Kind { get; init; } = "";
    public V1ObjectMeta Metadata { get; init; } = new();
    public TriggerAuthenticationSpec Spec { get; init; } = new();
}
