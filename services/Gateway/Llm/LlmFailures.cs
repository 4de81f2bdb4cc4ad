using Platform.Gateway.Errors;
using Platform.Gateway.Interactive;
using Platform.Providers.Resilience;

namespace Platform.Gateway.Llm;

/// <summary>Seed 003's error table applied to a failed model call.</summary>
public static class LlmFailures
{
    public const string InvalidRequest = "INVALID_REQUEST";

    public static IResult Result(HttpContext context, ProviderException failure, string model)
    {
        var (status, code) = StatusOf(failure);
        var retryAfter = failure.ErrorCode == ProviderErrorCode.RateLimitExceeded ? RetryAfterHeader.Set(context, failure.RetryAfter) : null;
        return LlmErrors.Result(context, status, code, failure.Message, Details(failure, model, retryAfter));
    }

    /// <summary>The same error as an event inside a stream that has already started.</summary>
    public static object Event(HttpContext context, ProviderException failure, string model) =>
        new LlmErrorResponse(new LlmError(StatusOf(failure).Code, failure.Message,
            Details(failure, model, failure.RetryAfter is { } wait ? (int)Math.Ceiling(wait.TotalSeconds) : null), LlmErrors.RequestIdOf(context)));

    public static (int Status, string Code) StatusOf(ProviderException failure) => failure.ErrorCode switch
    {
        ProviderErrorCode.ModelNotFound => (StatusCodes.Status404NotFound, ProviderErrorCode.ModelNotFound),
        ProviderErrorCode.RateLimitExceeded => (StatusCodes.Status429TooManyRequests, ProviderErrorCode.RateLimitExceeded),
        ProviderErrorCode.InvalidRequest => (StatusCodes.Status400BadRequest, InvalidRequest),
        _ => (StatusCodes.Status503ServiceUnavailable, ProviderErrorCode.ModelUnavailable),
    };

    /// <summary>As in the seed's example: the model, the underlying reason in lower case, and when to retry.</summary>
    private static Dictionary<string, object?> Details(ProviderException failure, string model, int? retryAfter)
    {
        var details = new Dictionary<string, object?> { ["model"] = model, ["reason"] = ReasonOf(failure.ErrorCode) };
        if (retryAfter is not null)
        {
            details["retry_after"] = retryAfter;
        }

        return details;
    }

    private static string ReasonOf(string errorCode) => errorCode switch
    {
        ProviderErrorCode.RateLimitExceeded => "rate_limit_exceeded",
        ProviderErrorCode.RequestTimeout => "request_timeout",
        ProviderErrorCode.ApiKeyInvalid => "api_key_invalid",
        ProviderErrorCode.ModelNotFound => "model_not_found",
        ProviderErrorCode.InvalidRequest => "invalid_request",
        _ => "model_unavailable",
    };
}
