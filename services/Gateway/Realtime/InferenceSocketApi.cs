using Platform.Gateway.Errors;
using Platform.Gateway.Interactive;

namespace Platform.Gateway.Realtime;

public static class InferenceSocketApi
{
    public static IEndpointRouteBuilder MapInferenceSocket(this IEndpointRouteBuilder app)
    {
        app.Map("/ws/inference", AcceptAsync).WithTags("Realtime")
            .WithSummary("WebSocket: send {\"type\":\"inference\",\"text\"|\"messages\",\"model\",\"stream\"}; receive token, complete or error messages");
        return app;
    }

    private static async Task<IResult> AcceptAsync(HttpContext context, InferenceSocket session)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return new PlatformError(ErrorKind.InvalidRequest, "This endpoint speaks WebSocket: connect with ws://host/ws/inference");
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        await session.RunAsync(socket, CallerIdentity.ApiKeyIdOf(context), context.RequestAborted);
        return TypedResults.Empty;
    }
}
