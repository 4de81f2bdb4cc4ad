using Platform.Gateway.Errors;

namespace Platform.Gateway.Forwarding;

/// <summary>
/// Every path prefix the Gateway passes on to an internal service, in one list: a route the service adds under a prefix
/// is reachable at once. The Gateway's own checks still apply (admin routes, body limits, rate limits), as they match on
/// these templates. The OpenAPI document lists the documented operations (<see cref="Batches.BatchApi"/>,
/// <see cref="OpenAi.OpenAiBatchApi"/>, <see cref="Transformer.TransformerApi"/>), which forward the same way.
/// </summary>
public static class ForwardedRoutes
{
    public static IEndpointRouteBuilder MapForwardedRoutes(this IEndpointRouteBuilder app)
    {
        // Seed 000's tasks, batch jobs and queue administration, and Hangfire's dashboard of the maintenance (HTML pages).
        app.MapForwarded(ForwardedService.Jobs, "/api/v1/tasks", "/api/v1/ai/predict/batch", "/api/v1/ai/batch", "/api/v1/admin", "/hangfire");
        app.MapForwarded(ForwardedService.OpenAiJobs, "/v1/files", "/v1/batches");
        app.MapForwarded(ForwardedService.Transformer, [.. ApiFamilies.TransformerPrefixes.Select(prefix => prefix.Value!)]);
        return app;
    }

    /// <summary>A handler that passes the request on to <paramref name="service"/>, for the documented operations too.</summary>
    public static Func<HttpContext, ServiceForwarder, Task<IResult>> To(ForwardedService service) =>
        (context, forwarder) => forwarder.ForwardAsync(context, service);

    private static void MapForwarded(this IEndpointRouteBuilder app, ForwardedService service, params string[] prefixes)
    {
        foreach (var prefix in prefixes)
        {
            // `{**path}` also matches the prefix itself; documented operations win over it by their more specific templates.
            app.Map(prefix + "/{**path}", To(service)).ExcludeFromDescription();
        }
    }
}
