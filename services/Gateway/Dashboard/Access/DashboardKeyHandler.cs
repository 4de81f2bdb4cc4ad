using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Platform.Gateway.Auth;

namespace Platform.Gateway.Dashboard.Access;

/// <summary>
/// The dashboard's sign-in: the platform API key a browser keeps in an http-only cookie, checked as the API
/// checks a header (configured and stored keys, revocation, expiry). Local mode needs no key. Anyone not
/// signed in is sent to the sign-in page.
/// </summary>
public sealed class DashboardKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ApiKeyValidator validator,
    ILoggerFactory logger,
    UrlEncoder encoder) : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    public const string SchemeName = "DashboardKey";
    public const string CookieName = "platform_dashboard_key";
    public const string SignInPath = "/dashboard/signin";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!await validator.KeysRequiredAsync(Context.RequestAborted))
        {
            return Success(ApiKeyCaller.Local);
        }

        if (Request.Cookies[CookieName] is not { Length: > 0 } presented)
        {
            return AuthenticateResult.NoResult();
        }

        var check = await validator.ValidateAsync(presented, Context.RequestAborted);
        return check.Caller is { } caller ? Success(caller) : AuthenticateResult.Fail(check.Failure!);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Redirect($"{SignInPath}?returnUrl={Uri.EscapeDataString(Request.Path + Request.QueryString)}");
        return Task.CompletedTask;
    }

    /// <summary>A page of the operators for a `user` key: said in words, since a browser shows an empty 403 as a broken page.</summary>
    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        Response.ContentType = "text/plain; charset=utf-8";
        await Response.WriteAsync("This dashboard page needs an admin API key.", Context.RequestAborted);
    }

    private static AuthenticateResult Success(ApiKeyCaller caller) =>
        AuthenticateResult.Success(new AuthenticationTicket(caller.ToPrincipal(SchemeName), SchemeName));
}
