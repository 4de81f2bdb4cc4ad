using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Platform.Gateway.Errors;
using Platform.Gateway.Llm;
using Platform.Gateway.OpenAi;

namespace Platform.Gateway.Interactive;

/// <summary>
/// A body that is not JSON, or JSON of the wrong type, is answered in the error shape of the API it
/// was sent to — OpenAI's under `/v1`, seed 003's under the LLM API, seed 000's elsewhere — instead of
/// an empty 400.
/// </summary>
public sealed class BodyErrorHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        var message = badRequest.InnerException is JsonException json
            ? $"The request body is not valid JSON for this endpoint{(json.Path is { Length: > 0 } at ? $" at {at}" : "")}"
            : badRequest.Message;
        var path = httpContext.Request.Path;
        var result = path.StartsWithSegments("/v1") ? OpenAiErrors.InvalidRequest(message, null)
            : path.StartsWithSegments("/api/llm") || path.StartsWithSegments("/api/v1/llm")
                ? LlmErrors.Result(httpContext, StatusCodes.Status400BadRequest, LlmFailures.InvalidRequest, message)
            : AiApiError.BadRequest(message);
        await result.ExecuteAsync(httpContext);
        return true;
    }
}
