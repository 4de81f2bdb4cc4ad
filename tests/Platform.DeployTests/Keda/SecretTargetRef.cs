namespace Platform.DeployTests.Keda;

/// <summary>A trigger parameter read from a key of a Secret.</summary>
public sealed record SecretTargetRef
{
    public string Parameter { get; init; } = "";
    public string Name { get; init; } = "";
    public string Key { get; init; } = "";
}
