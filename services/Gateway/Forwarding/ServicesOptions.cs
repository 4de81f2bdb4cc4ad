namespace Platform.Gateway.Forwarding;

/// <summary>Section `Services`: where the internal services answer (Kubernetes Service names in a cluster).</summary>
public sealed class ServicesOptions
{
    public const string SectionName = "Services";

    public ServiceEndpoint Jobs { get; set; } = new();

    public ServiceEndpoint Transformer { get; set; } = new();
}
