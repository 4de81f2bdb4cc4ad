namespace Platform.DeployTests.Keda;

/// <summary>A trigger's TriggerAuthentication, in the ScaledObject's namespace.</summary>
public sealed record AuthenticationRef
{
    public string Name { get; init; } = "";
}
