using Platform.ServiceDefaults;
using Platform.TransformerWorker.Completions;
using Platform.TransformerWorker.TransformerApi;

namespace Platform.TransformerWorker.Errors;

/// <summary>Bad bodies are answered in OpenAI's error shape under /v1 and seed 002's elsewhere.</summary>
public sealed class BadRequestHandler : RequestBodyErrorHandler
{
    protected override IResult ErrorFor(HttpContext httpContext, int statusCode, string message) =>
        httpContext.Request.Path.StartsWithSegments("/v1") ? OpenAiErrors.InvalidRequest(message) : TransformerErrors.Invalid(httpContext.RequestServices.GetRequiredService<TimeProvider>(), message);
}
