namespace Platform.DeployTests.Keda;

public sealed record ScaleTrigger
{
    public string Type { get; init; } = "";
    public Dictionary<string, string> Metadata { get; init; } = [];
    public AuthenticationRef? AuthenticationRef { get; init; }
}
