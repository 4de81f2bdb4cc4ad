using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Providers.Models;
using Platform.Providers.Resilience;
using Platform.ServiceDefaults;

namespace Platform.Gateway.Errors;

/// <summary>Seed 000's errors for a failed model call, as <c>AiApiError.FromProvider</c>; status and title from the catalogue.</summary>
public static class AiApiProviderErrors
{
    extension(AiApiError)
    {
        /// <summary>The seed's model errors (Model Unavailable, Request Timeout, Quota Exceeded, …) with the seed's details.</summary>
        public static JsonHttpResult<AiApiError> FromProvider(HttpContext context, ProviderException failure, ResolvedModel model, TimeSpan timeout)
        {
            var kind = ErrorCatalogue.KindOf(failure);
            var modelInfo = new { model_type = model.Kind.ModelType, model_name = model.ModelName };
            var (message, details) = kind switch
            {
                // The provider says when the quota resets, not how large it is: the sizes stay null rather than invented.
                ErrorKind.RateLimited => ($"API quota exceeded for model {model.DisplayName}", (object)QuotaDetails(context, failure, modelInfo)),
                ErrorKind.Timeout => (failure.Message, new { timeout = timeout.TotalSeconds, model_info = modelInfo }),
                ErrorKind.InvalidRequest or ErrorKind.ModelNotFound => (failure.Message,
                    new { modelInfo.model_type, modelInfo.model_name, error_code = failure.ErrorCode }),
                _ => ($"Model {model.DisplayName} is not accessible: {failure.Message}",
                    new { modelInfo.model_type, modelInfo.model_name, error_code = failure.ErrorCode }),
            };
            return AiApiError.Json(ErrorCatalogue.StatusOf(kind), AnnotationErrorShape.TitleOf(kind), message, details);
        }
    }

    private static object QuotaDetails(HttpContext context, ProviderException failure, object modelInfo)
    {
        var retryAfter = RetryAfterHeader.Set(context, failure.RetryAfter);
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var resetTime = retryAfter is { } seconds ? now.AddSeconds(seconds) : (DateTimeOffset?)null;
        return new { quota_limit = (int?)null, quota_used = (int?)null, reset_time = resetTime, retry_after = retryAfter, model_info = modelInfo };
    }
}
