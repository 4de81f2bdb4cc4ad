using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Platform.TransformerWorker.Completions;
using Platform.TransformerWorker.TransformerApi;

namespace Platform.TransformerWorker.Errors;

/// <summary>
/// A body that is missing or not the expected JSON is answered in the error shape of its API (OpenAI's
/// under /v1, seed 002's elsewhere) rather than with an empty 400.
/// </summary>
public sealed class BadRequestHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        var message = badRequest.InnerException is JsonException json
            ? $"The request body is not valid JSON for this endpoint{(json.Path is { Length: > 1 } path ? $" at {path}" : "")}"
            : "A JSON request body is required";
        IResult result = httpContext.Request.Path.StartsWithSegments("/v1")
            ? OpenAiErrors.InvalidRequest(message)
            : TransformerErrors.Invalid(message);
        await result.ExecuteAsync(httpContext);
        return true;
    }
}
