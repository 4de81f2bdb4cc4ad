using Platform.Gateway.Errors;
using Platform.Gateway.Forwarding;

namespace Platform.Gateway.Batches;

/// <summary>Forwards seed 000's task and batch routes to the Jobs service.</summary>
public sealed class JobsForwarder(HttpClient http) : ServiceForwarder(http)
{
    protected override IResult Unavailable() =>
        new PlatformError(ErrorKind.ServiceUnavailable, "The batch-job service is not reachable; try again shortly");
}
