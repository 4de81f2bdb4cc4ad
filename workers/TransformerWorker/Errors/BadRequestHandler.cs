using Platform.ServiceDefaults;

namespace Platform.TransformerWorker.Errors;

/// <summary>Bad bodies are answered in OpenAI's error shape under /v1 and seed 002's elsewhere.</summary>
public sealed class BadRequestHandler : RequestBodyErrorHandler
{
    protected override IResult ErrorFor(HttpContext httpContext, int statusCode, string message) =>
        TransformerValidationRejecter.InvalidRequest(httpContext, message);
}
