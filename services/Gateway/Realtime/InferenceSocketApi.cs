using System.Security.Claims;
using Microsoft.Extensions.Options;
using Platform.Gateway.Auth;
using Platform.Gateway.Errors;
using Platform.Gateway.Chat;

namespace Platform.Gateway.Realtime;

public static class InferenceSocketApi
{
    public static IEndpointRouteBuilder MapInferenceSocket(this IEndpointRouteBuilder app)
    {
        app.Map("/ws/inference", AcceptAsync).WithTags("Realtime")
            .WithSummary("WebSocket: send {\"type\":\"inference\",\"text\"|\"messages\",\"model\",\"stream\"}; receive token, complete or error messages");
        return app;
    }

    private static async Task<IResult> AcceptAsync(HttpContext context, InferenceSocket session, SocketConnections connections,
        IOptions<RealtimeOptions> options)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return new PlatformError(ErrorKind.InvalidRequest, "This endpoint speaks WebSocket: connect with ws://host/ws/inference");
        }

        var origin = context.Request.Headers.Origin.FirstOrDefault();
        if (origin is not null && !IsAllowedOrigin(origin, context.Request, options.Value))
        {
            return LlmErrors.Result(context, StatusCodes.Status403Forbidden, "FORBIDDEN",
                "WebSocket connections are accepted from the Gateway's own pages and the origins in Realtime:AllowedOrigins only",
                new { origin });
        }

        // Every caller is authenticated here (local mode's included), so it has a key id.
        var keyId = context.User.FindFirst(ClaimTypes.NameIdentifier)!.Value;
        var max = options.Value.MaxConnectionsPerKey;
        await using var slot = await connections.TryOpenAsync(keyId, max, context.RequestAborted);
        if (slot is null)
        {
            return LlmErrors.Result(context, StatusCodes.Status429TooManyRequests, SocketGuard.RateLimitExceeded,
                $"This API key already holds {max} WebSocket connections (on all Gateway replicas); close one first", new { max_connections = max });
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var guard = new SocketGuard(context.RequestServices, keyId, ApiKeyCaller.LimitOf(context.User)?.RequestsPerMinute);
        await session.RunAsync(socket, CallerIdentity.ApiKeyIdOf(context), guard, context.RequestAborted);
        return TypedResults.Empty;
    }

    /// <summary>Same origin (the page came from this Gateway's address) or one the operator listed.</summary>
    private static bool IsAllowedOrigin(string origin, HttpRequest request, RealtimeOptions options) =>
        (Uri.TryCreate(origin, UriKind.Absolute, out var uri) && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase))
        || options.AllowedOrigins.Any(allowed => string.Equals(allowed.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));
}
