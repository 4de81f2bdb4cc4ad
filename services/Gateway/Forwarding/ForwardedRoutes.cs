namespace Platform.Gateway.Forwarding;

/// <summary>
/// Every path prefix the Gateway passes on to an internal service, in one list: a route the service adds under a
/// prefix is reachable at once. The Gateway's own checks still apply to the endpoints mapped here (admin routes,
/// body limits, rate limits), as they match on these templates.
/// </summary>
public static class ForwardedRoutes
{
    public static IEndpointRouteBuilder MapForwardedRoutes(this IEndpointRouteBuilder app)
    {
        // Seed 000's tasks, batch jobs and queue administration, and Hangfire's dashboard of the maintenance, on Jobs.
        app.Forward<JobsForwarder>("/api/v1/tasks", "/api/v1/ai/predict/batch", "/api/v1/ai/batch", "/api/v1/admin", "/hangfire");
        // OpenAI's Files and Batch APIs, on Jobs, answered in OpenAI's shape when Jobs is down.
        app.Forward<OpenAiJobsForwarder>("/v1/files", "/v1/batches");
        // Seed 002's transformer API, on a TransformerWorker.
        app.Forward<TransformerForwarder>("/api/v1/initialize", "/api/v1/forward", "/api/v1/status", "/api/v1/health");
        return app;
    }

    private static void Forward<TForwarder>(this IEndpointRouteBuilder app, params string[] prefixes) where TForwarder : ServiceForwarder
    {
        foreach (var prefix in prefixes)
        {
            app.Map(prefix + "/{**path}", (HttpContext context, TForwarder service) => service.ForwardAsync(context)).ExcludeFromDescription();
        }
    }
}
