namespace Platform.DeployTests.Keda;

public sealed record ScaledObjectSpec
{
    public ScaleTargetRef ScaleTargetRef { get; init; } = new();
    public int? PollingInterval { get; init; }
    public int? CooldownPeriod { get; init; }
    public int? MinReplicaCount { get; init; }
    public int? MaxReplicaCount { get; init; }
    public IList<ScaleTrigger> Triggers { get; init; } = [];
}
