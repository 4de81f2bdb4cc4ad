using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Providers.Models;
using Platform.Providers.Resilience;

namespace Platform.Gateway.Interactive;

/// <summary>Seed 000's error body: `{error, message, details}`.</summary>
public sealed record AiApiError(string Error, string Message, object? Details = null);

public static class AiApiErrors
{
    public static JsonHttpResult<AiApiError> BadRequest(string message, object? details = null) =>
        TypedResults.Json(new AiApiError("Invalid Request", message, details), statusCode: StatusCodes.Status400BadRequest);

    public static JsonHttpResult<AiApiError> NotFound(string message) =>
        TypedResults.Json(new AiApiError("Not Found", message), statusCode: StatusCodes.Status404NotFound);

    public static JsonHttpResult<AiApiError> ServiceUnavailable(string message) =>
        TypedResults.Json(new AiApiError("Service Unavailable", message), statusCode: StatusCodes.Status503ServiceUnavailable);

    /// <summary>The seed's three model errors — Model Unavailable, Request Timeout, Quota Exceeded — with a status a client can act on.</summary>
    public static JsonHttpResult<AiApiError> FromProvider(HttpContext context, ProviderException failure, ResolvedModel model, TimeSpan timeout)
    {
        var modelInfo = new { model_type = model.Kind.ModelType, model_name = model.ModelName };
        switch (failure.ErrorCode)
        {
            case ProviderErrorCode.RateLimitExceeded:
                var retryAfter = RetryAfterHeader.Set(context, failure.RetryAfter);
                var resetTime = retryAfter is { } seconds ? DateTimeOffset.UtcNow.AddSeconds(seconds) : (DateTimeOffset?)null;
                // The provider says when the quota resets, not how large it is: the sizes stay null rather than invented.
                return Json(StatusCodes.Status429TooManyRequests, "Quota Exceeded", $"API quota exceeded for model {model.DisplayName}",
                    new { quota_limit = (int?)null, quota_used = (int?)null, reset_time = resetTime, retry_after = retryAfter, model_info = modelInfo });
            case ProviderErrorCode.RequestTimeout:
                return Json(StatusCodes.Status504GatewayTimeout, "Request Timeout", failure.Message,
                    new { timeout = timeout.TotalSeconds, model_info = modelInfo });
            case ProviderErrorCode.InvalidRequest:
                return Json(StatusCodes.Status400BadRequest, "Invalid Request", failure.Message,
                    new { modelInfo.model_type, modelInfo.model_name, error_code = failure.ErrorCode });
            default:
                // A provider refusing our key is the platform's problem to fix, not the caller's: 502, not 401.
                var status = failure.ErrorCode == ProviderErrorCode.ApiKeyInvalid ? StatusCodes.Status502BadGateway : StatusCodes.Status503ServiceUnavailable;
                return Json(status, "Model Unavailable", $"Model {model.DisplayName} is not accessible: {failure.Message}",
                    new { modelInfo.model_type, modelInfo.model_name, error_code = failure.ErrorCode });
        }
    }

    private static JsonHttpResult<AiApiError> Json(int status, string error, string message, object details) =>
        TypedResults.Json(new AiApiError(error, message, details), statusCode: status);
}
