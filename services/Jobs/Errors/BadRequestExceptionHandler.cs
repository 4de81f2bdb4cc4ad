using Platform.ServiceDefaults;

namespace Platform.Jobs.Errors;

/// <summary>Bad bodies are answered in seed 000's error shape.</summary>
public sealed class BadRequestExceptionHandler : RequestBodyErrorHandler
{
    protected override IResult ErrorFor(HttpContext httpContext, int statusCode, string message) =>
        TypedResults.Json(new AiApiError("Invalid Request", message), statusCode: statusCode);
}
