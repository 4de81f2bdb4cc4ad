using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using MudBlazor.Services;
using Platform.Gateway.Dashboard.Access;
using Platform.Gateway.Dashboard.Components;
using Platform.Gateway.Dashboard.Jobs;
using Platform.Gateway.Dashboard.Monitoring;
using Platform.Gateway.Forwarding;

namespace Platform.Gateway.Dashboard;

/// <summary>
/// The platform's web dashboard at `/dashboard`: Blazor Server pages (one circuit per open page carries the
/// live updates), signed in with a platform API key kept in an http-only cookie.
/// </summary>
public static class DashboardExtensions
{
    public static WebApplicationBuilder AddDashboard(this WebApplicationBuilder builder)
    {
        // The component library's CSS and scripts are static web assets: served from the build output in every
        // environment (tests and the AppHost run builds), and from wwwroot once published.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.SectionName)
            .Validate(options => options.RefreshInterval > TimeSpan.Zero && options.SampleInterval > TimeSpan.Zero,
                "Dashboard:RefreshInterval and Dashboard:SampleInterval must be positive.")
            .Validate(options => options.HistoryLength > 0 && options.JobListLimit > 0 && options.JobResultsShown > 0,
                "Dashboard:HistoryLength, JobListLimit and JobResultsShown must be positive.")
            .ValidateOnStart();

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, DashboardKeyHandler>(DashboardKeyHandler.SchemeName, null);
        builder.Services.AddInternalClient<DashboardJobsClient>(services => services.Jobs);
        builder.Services.AddSingleton<UsageQueries>();
        builder.Services.AddSingleton<SystemSampler>();
        builder.Services.AddHostedService(services => services.GetRequiredService<SystemSampler>());
        return builder;
    }

    /// <summary>
    /// The pages' scripts and styles, served by the static files middleware before authentication (a sign-in page needs
    /// them too). Not <c>MapStaticAssets</c>: its endpoints answer GET on every path, which turned every other API's
    /// 405 into a 404 and unknown paths' 404 into a 405.
    /// </summary>
    public static WebApplication UseDashboardAssets(this WebApplication app)
    {
        app.UseStaticFiles();
        return app;
    }

    public static WebApplication MapDashboard(this WebApplication app)
    {
        var signedIn = new AuthorizeAttribute { AuthenticationSchemes = DashboardKeyHandler.SchemeName };
        app.UseAntiforgery();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode().RequireAuthorization(signedIn);
        app.MapDashboardAccountApi();
        app.MapJobExportApi().RequireAuthorization(signedIn);
        return app;
    }
}
