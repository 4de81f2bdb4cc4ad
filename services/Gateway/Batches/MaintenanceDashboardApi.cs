namespace Platform.Gateway.Batches;

/// <summary>
/// Hangfire's dashboard of the recurring maintenance (lease sweep, cache purge, retention), served by the Jobs service
/// and reachable through the Gateway by admins only (<see cref="Auth.AdminRoutes"/>). Its pages are HTML, so they stay
/// out of the OpenAPI document.
/// </summary>
public static class MaintenanceDashboardApi
{
    public const string Path = "/hangfire";

    public static IEndpointRouteBuilder MapMaintenanceDashboard(this IEndpointRouteBuilder app)
    {
        var dashboard = app.MapGroup(Path).ExcludeFromDescription();
        dashboard.Map("/", Forward);
        dashboard.Map("/{**page}", Forward);
        return app;
    }

    private static Task<IResult> Forward(HttpContext context, JobsForwarder jobs) => jobs.ForwardAsync(context);
}
