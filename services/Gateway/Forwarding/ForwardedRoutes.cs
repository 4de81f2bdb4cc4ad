using Platform.Contracts.Http.Routes;
using Platform.Gateway.Errors;
using Platform.ServiceDefaults.Routing;

namespace Platform.Gateway.Forwarding;

/// <summary>
/// Every path prefix the Gateway passes on to an internal service, in one list: a route the service adds under a prefix
/// is reachable at once. The Gateway's own checks still apply (admin routes, body limits, rate limits), as they match on
/// these templates. The OpenAPI document lists the services' public operations from their lists in Platform.Contracts
/// (<see cref="JobsOperations"/>, <see cref="TransformerOperations"/>), which the services map too; they forward the same way.
/// </summary>
public static class ForwardedRoutes
{
    private static readonly (ForwardedService Service, PathString Prefix)[] Prefixes =
    [
        // Seed 000's tasks, batch jobs and queue administration, and Hangfire's dashboard of the maintenance (HTML pages).
        (ForwardedService.Jobs, "/api/v1/tasks"),
        (ForwardedService.Jobs, "/api/v1/ai/predict/batch"),
        (ForwardedService.Jobs, "/api/v1/ai/batch"),
        (ForwardedService.Jobs, "/api/v1/admin"),
        (ForwardedService.Jobs, "/hangfire"),
        (ForwardedService.OpenAiJobs, "/v1/files"),
        (ForwardedService.OpenAiJobs, "/v1/batches"),
        .. ApiFamilies.TransformerPrefixes.Select(prefix => (ForwardedService.Transformer, prefix)),
    ];

    public static IEndpointRouteBuilder MapForwardedRoutes(this IEndpointRouteBuilder app)
    {
        foreach (var (service, prefix) in Prefixes)
        {
            // `{**path}` also matches the prefix itself; documented operations win over it by their more specific templates.
            app.Map(prefix.Value + "/{**path}", To(service)).ExcludeFromDescription();
        }

        foreach (var operation in JobsOperations.All.Concat(TransformerOperations.All))
        {
            app.MapOperation(operation, To(ServiceOf(operation)));
        }

        return app;
    }

    private static Func<HttpContext, ServiceForwarder, Task<IResult>> To(ForwardedService service) =>
        (context, forwarder) => forwarder.ForwardAsync(context, service);

    /// <summary>The service whose prefix holds the operation; one outside every prefix is a mistake in the lists, found at start-up.</summary>
    private static ForwardedService ServiceOf(HttpOperation operation) =>
        Prefixes.FirstOrDefault(entry => new PathString(operation.Pattern).StartsWithSegments(entry.Prefix)).Service
        ?? throw new InvalidOperationException($"{operation} is under none of the Gateway's forwarded prefixes");
}
