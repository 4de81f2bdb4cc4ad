using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.Gateway.Interactive;

namespace Platform.Gateway.OpenAi;

/// <summary>The part of OpenAI's chat-completions request the platform honours.</summary>
public sealed record ChatCompletionRequest(
    string? Model,
    List<OpenAiMessage?>? Messages,
    double? Temperature,
    double? TopP,
    int? MaxTokens,
    int? MaxCompletionTokens,
    int? N,
    bool? Stream,
    StreamOptions? StreamOptions)
{
    public int? OutputTokenLimit => MaxCompletionTokens ?? MaxTokens;

    public List<ChatTurn?> Turns() => Messages!.Select(message => message?.ToTurn()).ToList();
}

/// <summary>`content` is a string, or (newer clients) an array of parts of which the text parts are read.</summary>
public sealed record OpenAiMessage(string? Role, JsonElement Content)
{
    public ChatTurn ToTurn() => new(Role, Content.ValueKind switch
    {
        JsonValueKind.String => Content.GetString(),
        JsonValueKind.Array => string.Concat(Content.EnumerateArray()
            .Where(part => part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
            .Select(part => part.GetProperty("text").GetString())),
        _ => null,
    });
}

public sealed record StreamOptions(bool? IncludeUsage);

public sealed record ChatCompletion(
    string Id,
    long Created,
    string Model,
    IReadOnlyList<ChatCompletionChoice> Choices,
    ChatCompletionUsage Usage)
{
    [JsonPropertyName("object")]
    public string ObjectType => "chat.completion";
}

/// <summary>`logprobs` is required by OpenAI's schema (null when not asked for); clients generated from it expect the field.</summary>
public sealed record ChatCompletionChoice(int Index, AssistantMessage Message, string FinishReason)
{
    public object? Logprobs => null;
}

/// <summary>`refusal` is required by OpenAI's schema: null, as no model here refuses in a separate field.</summary>
public sealed record AssistantMessage(string Role, string Content)
{
    public string? Refusal => null;
}

public sealed record ChatCompletionUsage(int PromptTokens, int CompletionTokens, int TotalTokens);

public sealed record ChatCompletionChunk(
    string Id,
    long Created,
    string Model,
    IReadOnlyList<ChunkChoice> Choices,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ChatCompletionUsage? Usage = null)
{
    [JsonPropertyName("object")]
    public string ObjectType => "chat.completion.chunk";
}

/// <summary>`finish_reason` is always present (null until the end), as OpenAI sends it.</summary>
public sealed record ChunkChoice(int Index, ChunkDelta Delta, string? FinishReason);

public sealed record ChunkDelta(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Role = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Content = null);

public sealed record ModelList(IReadOnlyList<ModelEntry> Data)
{
    [JsonPropertyName("object")]
    public string ObjectType => "list";
}

public sealed record ModelEntry(string Id, long Created, string OwnedBy)
{
    [JsonPropertyName("object")]
    public string ObjectType => "model";
}

/// <summary>OpenAI's error body: `{"error": {message, type, param, code}}`.</summary>
public sealed record OpenAiErrorResponse(OpenAiError Error);

public sealed record OpenAiError(string Message, string Type, string? Param, string? Code);
