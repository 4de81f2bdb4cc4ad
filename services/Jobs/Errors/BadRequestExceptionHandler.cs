using Platform.Jobs.OpenAiBatches;
using Platform.ServiceDefaults;

namespace Platform.Jobs.Errors;

/// <summary>Bad bodies are answered in seed 000's error shape, or OpenAI's under `/v1`.</summary>
public sealed class BadRequestExceptionHandler : RequestBodyErrorHandler
{
    protected override IResult ErrorFor(HttpContext httpContext, int statusCode, string message) =>
        JobsApiFamilies.IsOpenAi(httpContext.Request.Path)
            ? OpenAiErrors.Status(statusCode, message)
            : TypedResults.Json(new AiApiError("Invalid Request", message), statusCode: statusCode);
}
