using Platform.Gateway.Errors;
using Platform.Gateway.Forwarding;

namespace Platform.Gateway.Transformer;

/// <summary>Forwards seed 002's transformer routes to a TransformerWorker.</summary>
public sealed class TransformerForwarder(HttpClient http) : ServiceForwarder(http)
{
    protected override IResult Unavailable() =>
        new PlatformError(ErrorKind.ServiceUnavailable, "The transformer worker is not reachable; try again shortly");
}
