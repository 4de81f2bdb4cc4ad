using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Providers.Resilience;

namespace Platform.Gateway.Inference;

/// <summary>Seed 001's error codes, their exception type names, and how a failed model call maps onto them.</summary>
public static class InferenceErrors
{
    public const string UnsupportedTask = "UNSUPPORTED_TASK";
    public const string ModelNotFound = "MODEL_NOT_FOUND";
    public const string InvalidInput = "INVALID_INPUT";
    public const string InferenceFailed = "INFERENCE_FAILED";
    public const string ResourceExhausted = "RESOURCE_EXHAUSTED";
    public const string Timeout = "TIMEOUT";

    /// <summary>Beyond the seed's list: the Gateway's own refusals and unknown paths, in the same shape.</summary>
    public const string Unauthorized = "UNAUTHORIZED";
    public const string Forbidden = "FORBIDDEN";
    public const string NotFound = "NOT_FOUND";
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";

    public static JsonHttpResult<InferenceErrorResponse> Result(int status, string code, string message, object? details = null) =>
        TypedResults.Json(new InferenceErrorResponse(false, new InferenceErrorBody(TypeOf(code), message, code, details ?? new { }),
            InferenceClock.Now()), statusCode: status);

    /// <summary>The error answer for <paramref name="failure"/>, with `Retry-After` when the caller should come back.</summary>
    public static JsonHttpResult<InferenceErrorResponse> Result(HttpContext context, InferenceException failure)
    {
        if (failure.RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return Result(failure.Status, failure.Code, failure.Message, failure.Details);
    }

    /// <summary>200 with <paramref name="answer"/>'s body, or the seed's error for the <see cref="InferenceException"/> it threw.</summary>
    public static async Task<IResult> AnswerAsync(HttpContext context, Func<Task<object>> answer)
    {
        try
        {
            return TypedResults.Ok(await answer());
        }
        catch (InferenceException e)
        {
            return Result(context, e);
        }
    }

    /// <summary>A provider's failure in the seed's terms: unknown model 404, quota 429, overload 503, timeout 504, anything else 502.</summary>
    public static InferenceException FromProvider(ProviderException failure, string engine, string modelName)
    {
        var retryAfter = failure.RetryAfter is { } wait ? (int?)Math.Ceiling(wait.TotalSeconds) : null;
        var details = new { engine, model_name = modelName, reason = failure.ErrorCode, retry_after = retryAfter };
        var (status, code) = failure switch
        {
            { ErrorCode: ProviderErrorCode.ModelNotFound } or { UpstreamStatus: System.Net.HttpStatusCode.NotFound } =>
                (StatusCodes.Status404NotFound, ModelNotFound),
            { ErrorCode: ProviderErrorCode.RateLimitExceeded } => (StatusCodes.Status429TooManyRequests, ResourceExhausted),
            { ErrorCode: ProviderErrorCode.RequestTimeout } => (StatusCodes.Status504GatewayTimeout, Timeout),
            { ErrorCode: ProviderErrorCode.InvalidRequest } => (StatusCodes.Status400BadRequest, InvalidInput),
            { UpstreamStatus: System.Net.HttpStatusCode.ServiceUnavailable } or { UpstreamStatus: null, RetryAfter: not null } =>
                (StatusCodes.Status503ServiceUnavailable, ResourceExhausted),
            _ => (StatusCodes.Status502BadGateway, InferenceFailed),
        };
        return new InferenceException(status, code, failure.Message, details, retryAfter);
    }

    public static string TypeOf(string code) => code switch
    {
        UnsupportedTask => "UnsupportedTaskError",
        ModelNotFound => "ModelNotFoundError",
        InvalidInput => "ValueError",
        ResourceExhausted => "ResourceExhaustedError",
        Timeout => "TimeoutError",
        Unauthorized => "AuthenticationError",
        Forbidden => "PermissionError",
        NotFound or MethodNotAllowed => "NotFoundError",
        _ => "InferenceError",
    };
}
