using Microsoft.AspNetCore.Authorization;
using Platform.Gateway.Routing;

namespace Platform.Gateway.Auth;

/// <summary>
/// Every route that manages the platform, in one list: the model registry and routing, caches, loaded
/// local models, queues and keys. `user` keys call models and create, read and cancel tasks and jobs;
/// these need `admin`. Applied by the fallback authorization policy (<see cref="ApiKeysExtensions"/>) to
/// the endpoint routing chose, so a new route under a listed template is covered without remembering an
/// attribute on it.
/// </summary>
public static class AdminRoutes
{
    private static readonly RouteRule[] Routes =
    [
        // Seed 003 and its versioned twin: keys, registry and routing configuration (reads included: they show deployments).
        new(RouteRule.AnyMethod, "/api/llm/keys"),
        new(RouteRule.AnyMethod, "/api/v1/llm/keys"),
        new(RouteRule.AnyMethod, "/api/llm/config"),
        new(RouteRule.AnyMethod, "/api/v1/llm/config"),
        // Seed 000: the model registry, the prediction cache, queue administration.
        new(HttpMethods.Post, "/api/v1/ai/models/register"),
        new(HttpMethods.Delete, "/api/v1/ai/cache"),
        new(HttpMethods.Get, "/api/v1/ai/cache/entries"),
        new(HttpMethods.Post, "/api/v1/ai/cache/purge-expired"),
        new(RouteRule.AnyMethod, "/api/v1/admin"),
        // Hangfire's dashboard of the recurring maintenance.
        new(RouteRule.AnyMethod, "/hangfire"),
        // Seed 002: loading a model on the transformer workers.
        new(RouteRule.AnyMethod, "/api/v1/initialize"),
        // Seed 001: the workers' model cache.
        new(HttpMethods.Delete, "/inference/cache/models"),
        new(HttpMethods.Put, "/inference/cache/config"),
        new(RouteRule.AnyMethod, "/inference/clear-cache"),
        new(RouteRule.AnyMethod, "/inference/models/preload"),
    ];

    /// <summary>True when the request's endpoint is not an admin route, or the caller is an admin.</summary>
    public static bool Allows(AuthorizationHandlerContext authorization) =>
        authorization.User.IsInRole(ApiKeyCaller.AdminRole)
        || authorization.Resource is not HttpContext context
        || !Routes.Any(route => route.Matches(context));
}
