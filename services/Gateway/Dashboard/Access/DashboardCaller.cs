using System.Security.Claims;
using Platform.Gateway.Auth;

namespace Platform.Gateway.Dashboard.Access;

/// <summary>Who is looking at the dashboard: the signed-in key's id and whether it is an admin key.</summary>
public sealed record DashboardCaller(string KeyId, bool IsAdmin)
{
    /// <summary>The Gateway's own sampling of queues, which every admin may see.</summary>
    public static DashboardCaller System { get; } = new("dashboard", IsAdmin: true);

    public bool IsLocal => KeyId == ApiKeyCaller.Local.KeyId;

    public static DashboardCaller Of(ClaimsPrincipal user) =>
        new(user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? "", user.IsInRole(ApiKeyCaller.AdminRole));
}
