using Platform.Gateway.Errors;
using Yarp.ReverseProxy.Forwarder;

namespace Platform.Gateway.Forwarding;

/// <summary>
/// Passes a request to an internal service with YARP's forwarder and streams its answer back, so each API's shapes and
/// errors are defined once, where the work happens. Each service's forwarder says how to answer when it is unreachable,
/// in the error shape of its API.
/// </summary>
public abstract class ServiceForwarder(HttpClient http, IHttpForwarder forwarder)
{
    public async Task<IResult> ForwardAsync(HttpContext context)
    {
        // The client's timeout (longer for model loading and uploads) also bounds the wait between bytes.
        var error = await forwarder.SendAsync(context, http.BaseAddress!.ToString(), http, new ForwarderRequestConfig { ActivityTimeout = http.Timeout },
            InternalRequestTransformer.Instance);
        if (error == ForwarderError.None || context.Response.HasStarted)
        {
            return Results.Empty;
        }

        // Reading the client's body failed while it was passed on: it grew past the route's limit, or broke off.
        return RefusalOf(context.GetForwarderErrorFeature()?.Exception) is { } refused
            ? new PlatformError(InternalRequestTransformer.KindOf(refused.StatusCode), refused.Message)
            : Unavailable();
    }

    private static BadHttpRequestException? RefusalOf(Exception? exception) => exception switch
    {
        null => null,
        BadHttpRequestException refused => refused,
        _ => RefusalOf(exception.InnerException),
    };

    /// <summary>The answer when the service cannot be reached: 503 in the API's own error shape.</summary>
    protected abstract IResult Unavailable();
}
