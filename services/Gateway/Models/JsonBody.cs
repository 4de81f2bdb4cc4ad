using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Platform.Gateway.Models;

/// <summary>
/// A JSON request body that always binds: a body that is missing, not JSON, or of the wrong shape is
/// kept as <see cref="Error"/>, so <see cref="BodyValidation"/> can answer in the API family's own
/// error shape instead of an empty 400.
/// </summary>
public sealed class JsonBody<T> where T : class
{
    private JsonBody(T? value, string? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }
    public string? Error { get; }

    [SuppressMessage("Design", "CA1000:Do not declare static members on generic types",
        Justification = "Minimal APIs bind a parameter through a static BindAsync on its own type.")]
    public static async ValueTask<JsonBody<T>?> BindAsync(HttpContext context)
    {
        var json = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            var value = await context.Request.ReadFromJsonAsync<T>(json, context.RequestAborted);
            return new JsonBody<T>(value, value is null ? "The request body is required" : null);
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 2 } path ? path[2..] : null;
            return new JsonBody<T>(null, field is null
                ? "The request body is not valid JSON"
                : $"The request body is not valid: '{field}' has the wrong JSON type");
        }
        catch (InvalidOperationException)
        {
            return new JsonBody<T>(null, "The request body must be JSON (Content-Type: application/json)");
        }
    }
}
