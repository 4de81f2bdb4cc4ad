using Platform.Gateway.Errors;
using Platform.Gateway.Inference;
using Platform.Gateway.Llm;
using Platform.Gateway.OpenAi;
using Platform.ServiceDefaults;

namespace Platform.Gateway.Interactive;

/// <summary>
/// Bad bodies are answered in the error shape of the API they were sent to: OpenAI's under `/v1`,
/// seed 003's under the LLM API, seed 001's under `/inference`, seed 000's elsewhere.
/// </summary>
public sealed class BodyErrorHandler : RequestBodyErrorHandler
{
    protected override IResult ErrorFor(HttpContext httpContext, int statusCode, string message)
    {
        var path = httpContext.Request.Path;
        return path.StartsWithSegments("/v1") ? OpenAiErrors.InvalidRequest(message, null)
            : path.StartsWithSegments(InferenceApi.Prefix) ? InferenceErrors.Result(statusCode, InferenceErrors.InvalidInput, message)
            : path.StartsWithSegments("/api/llm") || path.StartsWithSegments("/api/v1/llm")
                ? LlmErrors.Result(httpContext, statusCode, LlmFailures.InvalidRequest, message)
            : AiApiError.BadRequest(message);
    }
}
