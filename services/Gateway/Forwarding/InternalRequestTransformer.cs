using System.Net;
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
        if (proxyResponse is not { StatusCode: >= HttpStatusCode.BadRequest, Content.Headers.ContentLength: 0 })
        {
            return await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
        }

        var status = (int)proxyResponse.StatusCode;
        if (status < StatusCodes.Status500InternalServerError)
        {
            // The service's router or web server refused it (an unknown path or method under a forwarded prefix, a path it
            // cannot read): left bodiless, the status code pages answer it in the family's shape, as for the Gateway's own.
            httpContext.Response.StatusCode = status;
            return false;
        }

        await new PlatformError(ErrorKind.ServiceUnavailable, $"The service failed before answering (HTTP {status}); try again shortly")
            .ExecuteAsync(httpContext);
        return false;
    }
}
