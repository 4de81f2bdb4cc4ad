using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Jobs.Errors;

/// <summary>The error body of the AI pre-annotation API (seed 000): `{error, message, details}`.</summary>
public sealed record AiApiError(string Error, string Message, object? Details = null)
{
    public static BadRequest<AiApiError> BadRequest(string message, object? details = null) =>
        TypedResults.BadRequest(new AiApiError("Invalid Request", message, details));

    public static NotFound<AiApiError> NotFound(string message) =>
        TypedResults.NotFound(new AiApiError("Not Found", message));

    public static Conflict<AiApiError> Conflict(string message, object? details = null) =>
        TypedResults.Conflict(new AiApiError("Conflict", message, details));
}
