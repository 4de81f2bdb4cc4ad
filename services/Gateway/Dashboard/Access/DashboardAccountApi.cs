using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Platform.Gateway.Auth;

namespace Platform.Gateway.Dashboard.Access;

/// <summary>Signing in and out of the dashboard: the key goes into a secure, http-only, same-site cookie, never into a page.</summary>
public static class DashboardAccountApi
{
    private const string Home = "/dashboard";

    public static IEndpointRouteBuilder MapDashboardAccountApi(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/dashboard/account").WithTags("Dashboard").ExcludeFromDescription().AllowAnonymous();
        account.MapPost("/signin", SignInAsync);
        account.MapPost("/signout", SignOut);
        return app;
    }

    private static async Task<RedirectHttpResult> SignInAsync([FromForm] SignInForm form, HttpContext context, ApiKeyValidator validator)
    {
        var returnUrl = IsDashboardPath(form.ReturnUrl) ? form.ReturnUrl! : Home;
        var check = string.IsNullOrWhiteSpace(form.ApiKey) ? null : await validator.ValidateAsync(form.ApiKey.Trim(), context.RequestAborted);
        if (check?.Caller is null)
        {
            var reason = check?.Failure ?? "Enter a platform API key";
            return TypedResults.Redirect($"{DashboardKeyHandler.SignInPath}?returnUrl={Uri.EscapeDataString(returnUrl)}&error={Uri.EscapeDataString(reason)}");
        }

        context.Response.Cookies.Append(DashboardKeyHandler.CookieName, form.ApiKey!.Trim(), CookieOptions());
        return TypedResults.Redirect(returnUrl);
    }

    private static RedirectHttpResult SignOut(HttpContext context)
    {
        context.Response.Cookies.Delete(DashboardKeyHandler.CookieName, CookieOptions());
        return TypedResults.Redirect(DashboardKeyHandler.SignInPath);
    }

    /// <summary>Browsers keep secure cookies from loopback over plain http too, so the flag holds locally as well.</summary>
    private static CookieOptions CookieOptions() => new()
    {
        HttpOnly = true,
        Secure = true,
        SameSite = SameSiteMode.Strict,
        Path = "/",
    };

    /// <summary>Only back into the dashboard: a sign-in must not redirect anywhere else.</summary>
    private static bool IsDashboardPath(string? url) =>
        url is not null && url.StartsWith(Home, StringComparison.Ordinal) && !url.Contains("//", StringComparison.Ordinal) && !url.Contains('\\');
}
