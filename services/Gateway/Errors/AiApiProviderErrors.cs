using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Gateway.Interactive;
using Platform.Providers.Models;
using Platform.Providers.Resilience;
using Platform.ServiceDefaults;

namespace Platform.Gateway.Errors;

/// <summary>Seed 000's errors for a failed model call, as <c>AiApiError.FromProvider</c>.</summary>
public static class AiApiProviderErrors
{
    extension(AiApiError)
    {
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
                    return AiApiError.Json(StatusCodes.Status429TooManyRequests, "Quota Exceeded", $"API quota exceeded for model {model.DisplayName}",
                        new { quota_limit = (int?)null, quota_used = (int?)null, reset_time = resetTime, retry_after = retryAfter, model_info = modelInfo });
                case ProviderErrorCode.RequestTimeout:
                    return AiApiError.Json(StatusCodes.Status504GatewayTimeout, "Request Timeout", failure.Message,
                        new { timeout = timeout.TotalSeconds, model_info = modelInfo });
                case ProviderErrorCode.InvalidRequest:
                    return AiApiError.Json(StatusCodes.Status400BadRequest, "Invalid Request", failure.Message,
                        new { modelInfo.model_type, modelInfo.model_name, error_code = failure.ErrorCode });
                default:
                    // A provider refusing our key is the platform's problem to fix, not the caller's: 502, not 401.
                    var status = failure.ErrorCode == ProviderErrorCode.ApiKeyInvalid ? StatusCodes.Status502BadGateway : StatusCodes.Status503ServiceUnavailable;
                    return AiApiError.Json(status, "Model Unavailable", $"Model {model.DisplayName} is not accessible: {failure.Message}",
                        new { modelInfo.model_type, modelInfo.model_name, error_code = failure.ErrorCode });
            }
        }
    }
}
