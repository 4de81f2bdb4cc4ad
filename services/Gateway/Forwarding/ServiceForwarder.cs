using System.Net.Http.Headers;

namespace Platform.Gateway.Forwarding;

/// <summary>
/// Passes a request to an internal service and its answer back unchanged (status, content type, body), so
/// each API's shapes and errors are defined once, where the work happens. Hand-written because YARP cannot
/// be restored here; it streams both ways and forwards nothing but the body, its type and the request id
/// (credentials stop at the Gateway) and a client's `Idempotency-Key`. Each service's forwarder says how to answer when it is unreachable,
/// in the error shape of its API.
/// </summary>
public abstract class ServiceForwarder(HttpClient http)
{
    public const string RequestIdHeader = "X-Request-Id";
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public async Task<IResult> ForwardAsync(HttpContext context)
    {
        var request = context.Request;
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Path + request.QueryString);
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            message.Content = new StreamContent(request.Body);
            if (request.ContentType is { } contentType)
            {
                message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }
        }

        message.Headers.TryAddWithoutValidation(RequestIdHeader, context.TraceIdentifier);
        if (request.Headers.TryGetValue(IdempotencyKeyHeader, out var idempotencyKey))
        {
            message.Headers.TryAddWithoutValidation(IdempotencyKeyHeader, (IEnumerable<string?>)idempotencyKey);
        }

        try
        {
            var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
            return new ForwardedResponse(response);
        }
        catch (HttpRequestException)
        {
            return Unavailable();
        }
    }

    /// <summary>The answer when the service cannot be reached: 503 in the API's own error shape.</summary>
    protected abstract IResult Unavailable();

    private sealed class ForwardedResponse(HttpResponseMessage response) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            using (response)
            {
                httpContext.Response.StatusCode = (int)response.StatusCode;
                httpContext.Response.ContentType = response.Content.Headers.ContentType?.ToString();
                await response.Content.CopyToAsync(httpContext.Response.Body, httpContext.RequestAborted);
            }
        }
    }
}
