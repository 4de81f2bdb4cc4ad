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

public static class BodyValidation
{
    /// <summary>
    /// Checks the endpoint's <see cref="JsonBody{T}"/> before the handler runs; <paramref name="reject"/>
    /// answers the problems in the API's error shape. Handlers can then rely on <c>Value</c>.
    /// </summary>
    public static RouteHandlerBuilder Validate<TBody>(this RouteHandlerBuilder endpoint, Func<TBody, IReadOnlyList<string>> rules,
        Func<HttpContext, IReadOnlyList<string>, IResult> reject)
        where TBody : class
    {
        return endpoint.Accepts<TBody>("application/json").AddEndpointFilter(async (context, next) =>
        {
            var body = context.Arguments.OfType<JsonBody<TBody>>().Single();
            var errors = body.Error is { } error ? [error] : rules(body.Value!);
            return errors.Count == 0 ? await next(context) : reject(context.HttpContext, errors);
        });
    }
}
