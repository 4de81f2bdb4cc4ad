namespace Platform.Gateway.Forwarding;

public sealed class ServiceEndpoint
{
    public Uri? BaseUrl { get; set; }
}
