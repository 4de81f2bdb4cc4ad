namespace Platform.Gateway.Forwarding;

/// <summary>
/// An internal service the Gateway passes requests on to: where it answers, how long a forwarded call may go without a
/// byte either way, and what the caller reads (503, in the family's shape) when it cannot be reached.
/// </summary>
public sealed record ForwardedService(Func<ServicesOptions, ServiceEndpoint> Endpoint, TimeSpan ActivityTimeout, string UnavailableMessage)
{
    public static readonly ForwardedService Jobs = new(services => services.Jobs, TimeSpan.FromSeconds(100),
        "The batch-job service is not reachable; try again shortly");

    // A 200 MB batch file takes longer to upload than 100 s on a slow link.
    public static readonly ForwardedService OpenAiJobs = new(services => services.Jobs, TimeSpan.FromMinutes(10),
        "The batch service is not reachable; try again shortly");

    // Model loading and long forward passes take longer than 100 s on a busy CPU.
    public static readonly ForwardedService Transformer = new(services => services.Transformer, TimeSpan.FromMinutes(10),
        "The transformer worker is not reachable; try again shortly");
}
