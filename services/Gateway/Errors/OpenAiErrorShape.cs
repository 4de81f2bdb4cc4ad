using Platform.Gateway.OpenAi;

namespace Platform.Gateway.Errors;

/// <summary>OpenAI's `{"error": {message, type, param, code}}`, with the types and codes its SDKs act on.</summary>
public sealed class OpenAiErrorShape : ErrorShape
{
    public override IResult Render(HttpContext context, PlatformError refusal) =>
        TypedResults.Json(BodyOf(refusal), statusCode: refusal.Status);

    public static OpenAiErrorResponse BodyOf(PlatformError error)
    {
        var (type, code) = error.Kind switch
        {
            ErrorKind.Unauthorized => ("invalid_request_error", "invalid_api_key"),
            ErrorKind.Forbidden => ("invalid_request_error", "insufficient_permissions"),
            ErrorKind.NotFound => ("invalid_request_error", "not_found"),
            ErrorKind.ModelNotFound => ("invalid_request_error", "model_not_found"),
            ErrorKind.MethodNotAllowed => ("invalid_request_error", "method_not_allowed"),
            ErrorKind.Conflict => ("invalid_request_error", "conflict"),
            ErrorKind.PayloadTooLarge => ("invalid_request_error", "request_too_large"),
            // OpenAI's own answer to a requests-per-minute limit.
            ErrorKind.RateLimited => ("requests", "rate_limit_exceeded"),
            ErrorKind.ModelUnavailable or ErrorKind.UpstreamFailed or ErrorKind.ProviderKeyRejected => ("server_error", "model_unavailable"),
            ErrorKind.Timeout => ("timeout_error", "timeout"),
            ErrorKind.ServiceUnavailable => ("server_error", "service_unavailable"),
            ErrorKind.Internal => ("server_error", "internal_error"),
            _ => ("invalid_request_error", (string?)null),
        };
        var param = error.Field ?? (error.Kind == ErrorKind.ModelNotFound ? "model" : null);
        return new OpenAiErrorResponse(new OpenAiError(error.Message, type, param, error.Code ?? code));
    }
}
