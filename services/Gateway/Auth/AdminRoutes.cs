using Microsoft.AspNetCore.Authorization;

namespace Platform.Gateway.Auth;

/// <summary>
/// Every route that manages the platform, in one list: the model registry and routing, caches, loaded
/// local models, queues and keys. `user` keys call models and create, read and cancel tasks and jobs;
/// these need `admin`. Applied by the fallback authorization policy (<see cref="ApiKeysExtensions"/>) to
/// the matched endpoint's route template, so a new route under a listed template is covered without
/// remembering an attribute. A template covers itself and everything below it.
/// </summary>
public static class AdminRoutes
{
    private const string AnyMethod = "*";

    private static readonly (string Method, string Template)[] Routes =
    [
        // Seed 003 and its versioned twin: keys, registry and routing configuration (reads included: they show deployments).
        (AnyMethod, "/api/llm/keys"),
        (AnyMethod, "/api/v1/llm/keys"),
        (AnyMethod, "/api/llm/config"),
        (AnyMethod, "/api/v1/llm/config"),
        // Seed 000: the model registry, the prediction cache, queue administration.
        (HttpMethods.Post, "/api/v1/ai/models/register"),
        (HttpMethods.Delete, "/api/v1/ai/cache"),
        (AnyMethod, "/api/v1/admin"),
        // Seed 002: loading a model on the transformer workers.
        (AnyMethod, "/api/v1/initialize"),
        // Seed 001: the workers' model cache.
        (HttpMethods.Delete, "/inference/cache/models"),
        (HttpMethods.Put, "/inference/cache/config"),
        (AnyMethod, "/inference/clear-cache"),
        (AnyMethod, "/inference/models/preload"),
    ];

    /// <summary>True when the request's endpoint is not an admin route, or the caller is an admin.</summary>
    public static bool Allows(AuthorizationHandlerContext authorization) =>
        authorization.User.IsInRole(ApiKeyCaller.AdminRole)
        || authorization.Resource is not HttpContext context
        || !Covers(context.Request.Method, (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText);

    public static bool Covers(string method, string? template)
    {
        if (template is null)
        {
            return false;
        }

        var normalized = "/" + template.Trim('/');
        return Routes.Any(route =>
            (route.Method == AnyMethod || HttpMethods.Equals(route.Method, method))
            && (normalized.Equals(route.Template, StringComparison.OrdinalIgnoreCase)
                || normalized.StartsWith(route.Template + "/", StringComparison.OrdinalIgnoreCase)));
    }
}
