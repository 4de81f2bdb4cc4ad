namespace Platform.DeployTests.Keda;

/// <summary>Where a trigger's credentials come from.</summary>
public sealed record TriggerAuthentication : KedaObject<TriggerAuthenticationSpec>
{
    public const string TypeKey = "keda.sh/v1alpha1/TriggerAuthentication";
}
