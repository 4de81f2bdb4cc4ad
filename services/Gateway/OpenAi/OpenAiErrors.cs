using Platform.Gateway.Interactive;
using Platform.Providers.Resilience;

namespace Platform.Gateway.OpenAi;

/// <summary>Errors as OpenAI's SDKs expect them, so that their exceptions and retry logic work unchanged.</summary>
public static class OpenAiErrors
{
    public static IResult InvalidRequest(string message, string? param) =>
        TypedResults.Json(Body(message, "invalid_request_error", param, null), statusCode: StatusCodes.Status400BadRequest);

    public static IResult Result(HttpContext context, ProviderException failure)
    {
        if (failure.ErrorCode == ProviderErrorCode.RateLimitExceeded)
        {
            RetryAfterHeader.Set(context, failure.RetryAfter);
        }

        var (status, _) = Describe(failure);
        return TypedResults.Json(Event(failure), statusCode: status);
    }

    /// <summary>The error as a stream event, for failures after the stream has started.</summary>
    public static OpenAiErrorResponse Event(ProviderException failure)
    {
        var (_, body) = Describe(failure);
        return body;
    }

    private static (int Status, OpenAiErrorResponse Body) Describe(ProviderException failure) => failure.ErrorCode switch
    {
        ProviderErrorCode.ModelNotFound => (StatusCodes.Status404NotFound, Body(failure.Message, "invalid_request_error", "model", "model_not_found")),
        ProviderErrorCode.RateLimitExceeded => (StatusCodes.Status429TooManyRequests, Body(failure.Message, "rate_limit_error", null, "rate_limit_exceeded")),
        ProviderErrorCode.InvalidRequest => (StatusCodes.Status400BadRequest, Body(failure.Message, "invalid_request_error", null, null)),
        ProviderErrorCode.RequestTimeout => (StatusCodes.Status504GatewayTimeout, Body(failure.Message, "timeout_error", null, "timeout")),
        _ => (StatusCodes.Status503ServiceUnavailable, Body(failure.Message, "server_error", null, "model_unavailable")),
    };

    private static OpenAiErrorResponse Body(string message, string type, string? param, string? code) =>
        new(new OpenAiError(message, type, param, code));
}
