using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Gateway.Errors;
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

    public static JsonHttpResult<InferenceErrorResponse> Result(TimeProvider time, int status, string code, string message, object? details = null) =>
        TypedResults.Json(new InferenceErrorResponse(false, new InferenceErrorBody(TypeOf(code), message, code, details ?? new { }),
            InferenceClock.Now(time)), statusCode: status);

    /// <summary>200 with <paramref name="answer"/>'s body, or the seed's error for the <see cref="InferenceException"/> it threw.</summary>
    public static async Task<IResult> AnswerAsync(HttpContext context, Func<Task<object>> answer)
    {
        try
        {
            return TypedResults.Ok(await answer());
        }
        catch (InferenceException e)
        {
            return e.ToError();
        }
    }

    /// <summary>A provider's failure in the seed's terms, classified by the catalogue like every other family's.</summary>
    public static InferenceException FromProvider(ProviderException failure, string engine, string modelName)
    {
        var details = new { engine, model_name = modelName, reason = failure.ErrorCode, retry_after = RetryAfterHeader.Seconds(failure.RetryAfter) };
        var kind = ErrorCatalogue.KindOf(failure);
        return new InferenceException(kind, InferenceErrorShape.CodeOf(kind), failure.Message, details, failure.RetryAfter);
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
