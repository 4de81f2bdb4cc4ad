using Microsoft.Extensions.Options;
using Platform.Gateway.Errors;
using Yarp.ReverseProxy.Forwarder;

namespace Platform.Gateway.Forwarding;

/// <summary>
/// Passes a request to an internal service with YARP's forwarder and streams its answer back, so each API's shapes and
/// errors are defined once, where the work happens. YARP refuses an `HttpClient` (it would buffer answers), so each call
/// gets an invoker over the factory's handler chain for <see cref="ClientName"/>: service discovery, the
/// <see cref="InternalCallHandler"/>, and a bare <see cref="SocketsHttpHandler"/>.
/// </summary>
public sealed class ServiceForwarder(IHttpForwarder forwarder, IHttpMessageHandlerFactory handlers, IOptions<ServicesOptions> services)
{
    public const string ClientName = "internal-forwarding";
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public async Task<IResult> ForwardAsync(HttpContext context, ForwardedService service)
    {
        using var invoker = new HttpMessageInvoker(handlers.CreateHandler(ClientName), disposeHandler: false);
        var destination = service.Endpoint(services.Value).BaseUrl!.ToString();
        var error = await forwarder.SendAsync(context, destination, invoker, new ForwarderRequestConfig { ActivityTimeout = service.ActivityTimeout },
            InternalRequestTransformer.Instance);
        if (error == ForwarderError.None || context.Response.HasStarted)
        {
            return Results.Empty;
        }

        // Reading the client's body failed while it was passed on: it grew past the route's limit, or broke off.
        return RefusalOf(context.GetForwarderErrorFeature()?.Exception) is { } refused
            ? new PlatformError(ErrorCatalogue.KindOf(refused.StatusCode), refused.Message)
            : new PlatformError(ErrorKind.ServiceUnavailable, service.UnavailableMessage);
    }

    private static BadHttpRequestException? RefusalOf(Exception? exception) => exception switch
    {
        null => null,
        BadHttpRequestException refused => refused,
        _ => RefusalOf(exception.InnerException),
    };
}
