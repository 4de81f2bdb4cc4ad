using Platform.Gateway.Errors;
using Yarp.ReverseProxy.Forwarder;

namespace Platform.Gateway.Forwarding;

/// <summary>
/// What a forwarded request carries: its body, the body's headers, the request id and a client's `Idempotency-Key`;
/// every other header stays at the Gateway (credentials, and client-sent copies of the caller headers, which the
/// <see cref="InternalCallHandler"/> then sets itself). A bodiless refusal from the service gets a body in the API's shape.
/// </summary>
public sealed class InternalRequestTransformer : HttpTransformer
{
    public const string RequestIdHeader = "X-Request-Id";

    public static readonly InternalRequestTransformer Instance = new();

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix,
        CancellationToken cancellationToken)
    {
        // The base class sets the address and copies every header, the body's onto the content: the rest are dropped here.
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        foreach (var header in proxyRequest.Headers.Select(header => header.Key).ToList())
        {
            if (!header.Equals(ServiceForwarder.IdempotencyKeyHeader, StringComparison.OrdinalIgnoreCase))
            {
                proxyRequest.Headers.Remove(header);
            }
        }

        proxyRequest.Headers.TryAddWithoutValidation(RequestIdHeader, httpContext.TraceIdentifier);
    }

    public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse,
        CancellationToken cancellationToken)
    {
        if (proxyResponse is not { IsSuccessStatusCode: false, Content.Headers.ContentLength: 0 })
        {
            return await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
        }

        // The service's web server refused the request before the service saw it (a path or header it cannot read).
        var status = (int)proxyResponse.StatusCode;
        await new PlatformError(KindOf(status), $"The request was refused before it was handled (HTTP {status}): "
            + "its path, query or headers hold characters that cannot be read").ExecuteAsync(httpContext);
        return false;
    }

    /// <summary>A service's bare status as the catalogue's kind; any 5xx means the service cannot serve the call now.</summary>
    public static ErrorKind KindOf(int status) => status >= 500 ? ErrorKind.ServiceUnavailable : ErrorCatalogue.KindOf(status);
}
