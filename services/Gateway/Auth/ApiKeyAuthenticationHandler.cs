using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Platform.Gateway.Errors;

namespace Platform.Gateway.Auth;

/// <summary>
/// Accepts `X-API-Key: key` or `Authorization: Bearer key`. In local mode (no key configured or
/// stored) every request is the local admin. Keys are never logged; refusals are answered in the
/// error shape of the API family that was called.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ApiKeyValidator validator,
    ILoggerFactory logger,
    UrlEncoder encoder) : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!await validator.KeysRequiredAsync(Context.RequestAborted))
        {
            return Success(ApiKeyCaller.Local);
        }

        if (PresentedKey(Request) is not { } presented)
        {
            return AuthenticateResult.NoResult();
        }

        var check = await validator.ValidateAsync(presented, Context.RequestAborted);
        return check.Caller is { } caller ? Success(caller) : AuthenticateResult.Fail(check.Failure!);
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.Headers.WWWAuthenticate = "Bearer";
        await new PlatformError(ErrorKind.Unauthorized,
            result.Failure?.Message ?? "An API key is required: send X-API-Key or Authorization: Bearer").ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        new PlatformError(ErrorKind.Forbidden, "This endpoint manages the platform and requires an admin API key",
            new { required_role = ApiKeyCaller.AdminRole }).ExecuteAsync(Context);

    private static AuthenticateResult Success(ApiKeyCaller caller) =>
        AuthenticateResult.Success(new AuthenticationTicket(caller.ToPrincipal(SchemeName), SchemeName));

    private static string? PresentedKey(HttpRequest request)
    {
        if (request.Headers["X-API-Key"].FirstOrDefault() is { Length: > 0 } headerKey)
        {
            return headerKey;
        }

        var authorization = request.Headers.Authorization.FirstOrDefault();
        return authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? authorization["Bearer ".Length..].Trim()
            : null;
    }
}
