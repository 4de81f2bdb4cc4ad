using Platform.Gateway.Errors;
using Platform.Gateway.Inference;
using Platform.Gateway.OpenAi;
using Platform.ServiceDefaults;

namespace Platform.Gateway.Auth;

/// <summary>The four error shapes the Gateway speaks, chosen by the path a client called.</summary>
public enum ApiFamily
{
    /// <summary>Seed 000 and everything not below: `{error, message, details}`.</summary>
    Annotation,

    /// <summary>Seed 003, `/api/llm` and `/api/v1/llm`: `{"error": {code, message, details, request_id}}`.</summary>
    Llm,

    /// <summary>The OpenAI-compatible `/v1`: `{"error": {message, type, param, code}}`.</summary>
    OpenAi,

    /// <summary>Seed 001, `/inference`: `{"success": false, "error": {type, message, code, details}, "timestamp"}`.</summary>
    Inference,
}

/// <summary>
/// Authentication, authorization and rate-limit failures happen before any endpoint runs (also on
/// paths no endpoint serves yet), so they are answered here, in the shape of the API being called.
/// </summary>
public static class ApiFamilyErrors
{
    public static ApiFamily FamilyOf(PathString path) =>
        path.StartsWithSegments("/api/llm") || path.StartsWithSegments("/api/v1/llm") ? ApiFamily.Llm
        : path.StartsWithSegments("/v1") ? ApiFamily.OpenAi
        : path.StartsWithSegments(InferenceApi.Prefix) ? ApiFamily.Inference
        : ApiFamily.Annotation;

    public static Task UnauthorizedAsync(HttpContext context, string message) =>
        WriteAsync(context, StatusCodes.Status401Unauthorized, message,
            new Codes("UNAUTHORIZED", "Unauthorized", "invalid_request_error", "invalid_api_key", InferenceErrors.Unauthorized),
            llmDetails: null, annotationDetails: new { error_code = "API_KEY_INVALID" });

    public static Task ForbiddenAsync(HttpContext context, string message) =>
        WriteAsync(context, StatusCodes.Status403Forbidden, message,
            new Codes("FORBIDDEN", "Forbidden", "invalid_request_error", "insufficient_permissions", InferenceErrors.Forbidden),
            llmDetails: new { required_role = ApiKeyCaller.AdminRole }, annotationDetails: new { required_role = ApiKeyCaller.AdminRole });

    /// <summary>429 with `Retry-After`; seed 000's body is its documented `Quota Exceeded`.</summary>
    public static Task RateLimitedAsync(HttpContext context, int limit, TimeSpan retryAfter, DateTimeOffset now)
    {
        var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return WriteAsync(context, StatusCodes.Status429TooManyRequests,
            $"Rate limit reached for this API key: {limit} requests per minute. Try again in {seconds} s.",
            new Codes("RATE_LIMIT_EXCEEDED", "Quota Exceeded", "requests", "rate_limit_exceeded", InferenceErrors.ResourceExhausted),
            llmDetails: new { requests_per_minute = limit, retry_after = seconds },
            annotationDetails: new { quota_limit = limit, quota_used = limit, reset_time = now.AddSeconds(seconds) });
    }

    private sealed record Codes(string Llm, string Annotation, string OpenAiType, string OpenAiCode, string Inference);

    private static Task WriteAsync(HttpContext context, int status, string message, Codes codes, object? llmDetails, object annotationDetails)
    {
        var result = FamilyOf(context.Request.Path) switch
        {
            ApiFamily.Llm => LlmErrors.Result(context, status, codes.Llm, message, llmDetails),
            ApiFamily.Inference => InferenceErrors.Result(status, codes.Inference, message, llmDetails),
            ApiFamily.OpenAi => TypedResults.Json(new OpenAiErrorResponse(new OpenAiError(message, codes.OpenAiType, null, codes.OpenAiCode)), statusCode: status),
            _ => AiApiError.Json(status, codes.Annotation, message, annotationDetails),
        };
        return result.ExecuteAsync(context);
    }
}
