using System.Net.Http.Headers;
using Platform.Gateway.Errors;

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
            if (response.IsSuccessStatusCode || response.Content.Headers.ContentLength != 0)
            {
                return new ForwardedResponse(response);
            }

            // The service's web server refused the request before the service saw it (a path or header it cannot read):
            // such an answer has no body, so it gets one in the API's own shape.
            var status = (int)response.StatusCode;
            response.Dispose();
            return new PlatformError(KindOf(status), $"The request was refused before it was handled (HTTP {status}): "
                + "its path, query or headers hold characters that cannot be read");
        }
        catch (HttpRequestException e) when (e.InnerException is BadHttpRequestException refused)
        {
            // Reading the client's body failed while it was passed on: it grew past the route's limit, or broke off.
            return new PlatformError(KindOf(refused.StatusCode), refused.Message);
        }
        catch (HttpRequestException)
        {
            return Unavailable();
        }
    }

    private static ErrorKind KindOf(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => ErrorKind.Unauthorized,
        StatusCodes.Status403Forbidden => ErrorKind.Forbidden,
        StatusCodes.Status404NotFound => ErrorKind.NotFound,
        StatusCodes.Status405MethodNotAllowed => ErrorKind.MethodNotAllowed,
        StatusCodes.Status413PayloadTooLarge => ErrorKind.PayloadTooLarge,
        >= 500 => ErrorKind.ServiceUnavailable,
        _ => ErrorKind.InvalidRequest,
    };

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
