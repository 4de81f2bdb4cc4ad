using Platform.Gateway.Chat;

namespace Platform.Gateway.Realtime;

/// <summary>
/// A client message on `/ws/inference`: `text` (one user message) or `messages`, an optional model
/// and parameters, and an optional `id` echoed in every reply as `request_id`.
/// </summary>
public sealed record InferenceMessage(
    string? Type,
    string? Id,
    string? Text,
    List<ChatTurn?>? Messages,
    string? Model,
    bool? Stream,
    double? Temperature,
    int? MaxTokens,
    double? TopP)
{
    public List<ChatTurn?> Turns() => Messages ?? (Text is null ? [] : [new ChatTurn("user", Text)]);
}
