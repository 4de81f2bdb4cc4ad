using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Gateway.Interactive;
using Platform.Providers.Models;
using Platform.Providers.Resilience;

namespace Platform.Gateway.Errors;

/// <summary>Seed 000's error body, `{error, message, details}`, with its titles and statuses.</summary>
public sealed record AiApiError(string Error, string Message, object? Details = null)
{
    public static BadRequest<AiApiError> BadRequest(string message, object? details = null) =>
        TypedResults.BadRequest(new AiApiError("Invalid Request", message, details));

    /// <summary>The first problem as the message, all of them in `details.errors`.</summary>
    public static BadRequest<AiApiError> BadRequest(IReadOnlyList<string> errors) => BadRequest(errors[0], new { errors });

    public static NotFound<AiApiError> NotFound(string message, object? details = null) =>
        TypedResults.NotFound(new AiApiError("Not Found", message, details));

    public static Conflict<AiApiError> Conflict(string message, object? details = null) =>
        TypedResults.Conflict(new AiApiError("Conflict", message, details));

    public static JsonHttpResult<AiApiError> ServiceUnavailable(string message) =>
        Json(StatusCodes.Status503ServiceUnavailable, "Service Unavailable", message, null);

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

    /// <summary>For statuses without a typed result of their own (and for refusals written before any endpoint runs).</summary>
    public static JsonHttpResult<AiApiError> Json(int status, string error, string message, object? details) =>
        TypedResults.Json(new AiApiError(error, message, details), statusCode: status);
}
