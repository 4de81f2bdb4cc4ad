namespace Platform.DeployTests.Keda;

public sealed record TriggerAuthenticationSpec
{
    public IList<SecretTargetRef> SecretTargetRef { get; init; } = [];
}
