namespace Platform.Gateway.Errors;

/// <summary>The Gateway's APIs, each with its documented error shape (see <see cref="ErrorShape"/>).</summary>
public enum ApiFamily
{
    /// <summary>Seed 000, `/api/v1/ai`, `/api/v1/tasks` and everything not below: `{error, message, details}`.</summary>
    Annotation,

    /// <summary>Seed 001, `/inference`: `{"success": false, "error": {type, message, code, details}, "timestamp"}`.</summary>
    Inference,

    /// <summary>Seed 002's REST paths, `/api/v1/initialize|forward|status|health`: `{detail, error_code, timestamp}`.</summary>
    Transformer,

    /// <summary>Seed 003, `/api/llm` and `/api/v1/llm`: `{"error": {code, message, details, request_id}}`.</summary>
    Llm,

    /// <summary>The OpenAI-compatible `/v1`: `{"error": {message, type, param, code}}`.</summary>
    OpenAi,

    /// <summary>Seed 002's WebSocket, `/ws`: `{"type": "error", "error": {code, message, details}}`, as its messages.</summary>
    WebSocket,
}
