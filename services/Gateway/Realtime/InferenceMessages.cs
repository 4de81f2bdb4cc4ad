using System.Text.Json.Serialization;
using Platform.Gateway.Interactive;

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

/// <summary>A generated piece; seed 002's sketch reads it as `token`, streaming clients as `content`.</summary>
public sealed record TokenReply(string? RequestId, string Content)
{
    [JsonPropertyOrder(-1)]
    public string Type => "token";
    public string Token => Content;
}

/// <summary>The end of an answer: the whole text as `result` (seed 002's sketch), usage and cost.</summary>
public sealed record CompleteReply(string? RequestId, string Model, string Result, string FinishReason, Llm.UsageView Usage, Llm.CostView Cost)
{
    [JsonPropertyOrder(-1)]
    public string Type => "complete";
}

public sealed record ErrorReply(string? RequestId, ErrorDetail Error)
{
    [JsonPropertyOrder(-1)]
    public string Type => "error";
}

public sealed record ErrorDetail(string Code, string Message, object? Details = null);
