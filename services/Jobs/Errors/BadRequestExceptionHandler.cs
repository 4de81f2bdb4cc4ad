using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Platform.Jobs.Errors;

/// <summary>
/// A body that is not JSON, or JSON of the wrong type, is answered in the API's own error shape with
/// the path of the offending field, not with an empty 400.
/// </summary>
public sealed class BadRequestExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        var message = badRequest.InnerException is JsonException { Path: { } path } json
            ? $"The request body is not valid at {path}: {FirstSentence(json.Message)}"
            : badRequest.Message;
        httpContext.Response.StatusCode = badRequest.StatusCode;
        await httpContext.Response.WriteAsJsonAsync(new AiApiError("Invalid Request", message), cancellationToken);
        return true;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
