using Platform.Gateway.Errors;
using Yarp.ReverseProxy.Forwarder;

namespace Platform.Gateway.Forwarding;

/// <summary>Forwards seed 000's task and batch routes to the Jobs service.</summary>
public sealed class JobsForwarder(HttpClient http, IHttpForwarder forwarder) : ServiceForwarder(http, forwarder)
{
    protected override IResult Unavailable() =>
        new PlatformError(ErrorKind.ServiceUnavailable, "The batch-job service is not reachable; try again shortly");
}
