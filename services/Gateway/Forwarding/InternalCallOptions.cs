namespace Platform.Gateway.Forwarding;

/// <summary>Section `Internal`: the secret shared with the internal services (a Kubernetes Secret in a cluster).</summary>
public sealed class InternalCallOptions
{
    public const string SectionName = "Internal";

    /// <summary>Sent on every internal call; empty leaves internal authentication off (a single machine's loopback).</summary>
    public string? Token { get; set; }
}
