using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Validation;

namespace Platform.Gateway.Models;

/// <summary>
/// A JSON request body that always binds: a body that is missing, not JSON, or of the wrong shape is
/// kept as <see cref="ReadError"/>, so that the route's <c>.Validates&lt;T&gt;()</c> answers it in the API family's
/// own error shape instead of an empty 400.
/// </summary>
public sealed class JsonBody<T> : IRequestBody<T>, IEndpointParameterMetadataProvider where T : class
{
    private JsonBody(T? value, string? readError)
    {
        Value = value;
        ReadError = readError;
    }

    public T? Value { get; }
    public string? ReadError { get; }

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

    /// <summary>The body is bound here, not by the framework: the API description still says it is <typeparamref name="T"/> as JSON.</summary>
    [SuppressMessage("Design", "CA1000:Do not declare static members on generic types",
        Justification = "Minimal APIs ask a parameter's own type for its metadata.")]
    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder) =>
        builder.Metadata.Add(new AcceptsMetadata(["application/json"], typeof(T)));
}
