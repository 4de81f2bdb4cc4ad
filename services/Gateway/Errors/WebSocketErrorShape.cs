using Platform.Gateway.Realtime;

namespace Platform.Gateway.Errors;

/// <summary>The WebSocket's `{"type": "error", "error": {code, message, details}}`, also for refusals of its HTTP upgrade.</summary>
public sealed class WebSocketErrorShape : ErrorShape
{
    public override IResult Render(HttpContext context, PlatformError refusal) =>
        TypedResults.Json(MessageOf(refusal, null), statusCode: refusal.Status);

    /// <summary>The error as a message on an open socket, echoing the client's message id.</summary>
    public static ErrorReply MessageOf(PlatformError error, string? requestId) =>
        new(requestId, new ErrorDetail(error.Code ?? ErrorCatalogue.CodeOf(error.Kind), error.Message, error.Details));
}
