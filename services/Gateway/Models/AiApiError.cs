using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Gateway.Models;

/// <summary>The error body of the AI pre-annotation API (seed 000): `{error, message, details}`.</summary>
public sealed record AiApiError(string Error, string Message, object? Details = null)
{
    /// <summary>The first problem as the message, all of them in `details.errors`.</summary>
    public static BadRequest<AiApiError> BadRequest(IReadOnlyList<string> errors) =>
        TypedResults.BadRequest(new AiApiError("Invalid Request", errors[0], new { errors }));

    public static NotFound<AiApiError> NotFound(string message, object? details = null) =>
        TypedResults.NotFound(new AiApiError("Not Found", message, details));

    public static Conflict<AiApiError> Conflict(string message, object? details = null) =>
        TypedResults.Conflict(new AiApiError("Conflict", message, details));
}
