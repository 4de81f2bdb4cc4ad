using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults;

/// <summary>
/// A body that is missing, not JSON, or JSON of the wrong type is answered in the error shape of the
/// API it was sent to, naming the offending field, instead of an empty 400. Each service says which
/// shape that is; the words are the same everywhere.
/// </summary>
public abstract class RequestBodyErrorHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        await ErrorFor(httpContext, badRequest.StatusCode, Describe(badRequest)).ExecuteAsync(httpContext);
        return true;
    }

    /// <summary>The API's own error body for a rejected request with this status and message.</summary>
    protected abstract IResult ErrorFor(HttpContext httpContext, int statusCode, string message);

    private static string Describe(BadHttpRequestException badRequest) => badRequest.InnerException switch
    {
        JsonException json => Describe(json),
        null when badRequest.Message.Contains("from body", StringComparison.Ordinal) => "A JSON request body is required",
        _ => badRequest.Message,
    };

    /// <summary>Says what JSON was expected, in JSON's words rather than .NET type names.</summary>
    private static string Describe(JsonException json)
    {
        var at = json.Path is { Length: > 0 } path ? $" at {path}" : "";
        const string Conversion = "The JSON value could not be converted to ";
        if (!json.Message.StartsWith(Conversion, StringComparison.Ordinal))
        {
            return $"The request body is not valid JSON{at}: {json.Message.Split(" Path:")[0]}";
        }

        var type = json.Message[Conversion.Length..];
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
