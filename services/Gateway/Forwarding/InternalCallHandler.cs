using System.Security.Claims;
using Microsoft.Extensions.Options;
using Platform.Contracts;
using Platform.ServiceDefaults;

namespace Platform.Gateway.Forwarding;

/// <summary>
/// Stamps every call to an internal service with the shared secret and, unless the caller set them itself (the
/// dashboard speaks for its signed-in key), the identity of the request being served, so the service can tell whose
/// tasks and jobs it is handling.
/// </summary>
public sealed class InternalCallHandler(IHttpContextAccessor contexts, IOptions<InternalTokenOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (options.Value.Token is { Length: > 0 } token)
        {
            request.Headers.Remove(InternalHeaders.Token);
            request.Headers.TryAddWithoutValidation(InternalHeaders.Token, token);
        }

        if (!request.Headers.Contains(InternalHeaders.Caller) && contexts.HttpContext?.User is { } user
            && user.FindFirst(ClaimTypes.NameIdentifier)?.Value is { } caller)
        {
            request.Headers.TryAddWithoutValidation(InternalHeaders.Caller, caller);
            request.Headers.TryAddWithoutValidation(InternalHeaders.CallerRole, user.FindFirst(ClaimTypes.Role)?.Value ?? "user");
        }

        return base.SendAsync(request, cancellationToken);
    }
}
