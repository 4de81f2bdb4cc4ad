namespace Platform.DeployTests.Keda;

/// <summary>The workload a ScaledObject scales; KEDA defaults to an apps/v1 Deployment.</summary>
public sealed record ScaleTargetRef
{
    public string? ApiVersion { get; init; }
    public string? Kind { get; init; }
    public string Name { get; init; } = "";
}
