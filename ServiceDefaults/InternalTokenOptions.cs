namespace Platform.ServiceDefaults;

/// <summary>Section `Internal` of an internal service: the secret the Gateway sends (a Kubernetes Secret in a cluster).</summary>
public sealed class InternalTokenOptions
{
    public const string SectionName = "Internal";

    /// <summary>Empty or absent leaves internal authentication off (a service started on its own, e.g. by its tests).</summary>
    public string? Token { get; set; }
}
