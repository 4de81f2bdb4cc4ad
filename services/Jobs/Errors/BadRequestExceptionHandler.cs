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

        var message = badRequest.InnerException is JsonException json ? Describe(json) : badRequest.Message;
        httpContext.Response.StatusCode = badRequest.StatusCode;
        await httpContext.Response.WriteAsJsonAsync(new AiApiError("Invalid Request", message), cancellationToken);
        return true;
    }

    /// <summary>Says what JSON was expected, in JSON's words rather than .NET type names.</summary>
    private static string Describe(JsonException json)
    {
        var at = json.Path is { Length: > 0 } path ? $" at {path}" : "";
        const string conversion = "The JSON value could not be converted to ";
        if (!json.Message.StartsWith(conversion, StringComparison.Ordinal))
        {
            return $"The request body is not valid JSON{at}: {json.Message.Split(" Path:")[0]}";
        }

        var type = json.Message[conversion.Length..];
        var expected = type switch
        {
            _ when type.Contains("List`1", StringComparison.Ordinal) || type.Contains("[]", StringComparison.Ordinal) => "an array",
            _ when type.Contains("String", StringComparison.Ordinal) => "a string",
            _ when type.Contains("Int32", StringComparison.Ordinal) || type.Contains("Int64", StringComparison.Ordinal) => "an integer",
            _ when type.Contains("Double", StringComparison.Ordinal) => "a number",
            _ when type.Contains("Boolean", StringComparison.Ordinal) => "true or false",
            _ => "an object",
        };
        return $"The request body is not valid{at}: expected {expected}";
    }
}
