using Hangfire.Dashboard;
using Platform.Jobs.Callers;

namespace Platform.Jobs.Maintenance;

/// <summary>Hangfire's dashboard is for admins: the Gateway lets only admin keys through, and says who they are.</summary>
public sealed class AdminDashboardAuthorization : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => Caller.Of(context.GetHttpContext()).IsAdmin;
}
