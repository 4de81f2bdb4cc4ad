using Platform.Gateway.Errors;
using Yarp.ReverseProxy.Forwarder;

namespace Platform.Gateway.Forwarding;

/// <summary>Forwards seed 002's transformer routes to a TransformerWorker.</summary>
public sealed class TransformerForwarder(HttpClient http, IHttpForwarder forwarder) : ServiceForwarder(http, forwarder)
{
    protected override IResult Unavailable() =>
        new PlatformError(ErrorKind.ServiceUnavailable, "The transformer worker is not reachable; try again shortly");
}
