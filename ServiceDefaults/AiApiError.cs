using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.ServiceDefaults;

/// <summary>The error body of the AI pre-annotation API (seed 000), `{error, message, details}`, with its titles and statuses.</summary>
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

    /// <summary>For statuses without a typed result of their own (and for refusals written before any endpoint runs).</summary>
    public static JsonHttpResult<AiApiError> Json(int status, string error, string message, object? details) =>
        TypedResults.Json(new AiApiError(error, message, details), statusCode: status);
}
