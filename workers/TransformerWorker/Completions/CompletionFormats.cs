using System.Text.Json.Serialization;

namespace Platform.TransformerWorker.Completions;

/// <summary>What every completion object and chunk starts with.</summary>
public sealed record CompletionHeader(string Id, long Created, string Model);

/// <summary>How one of the two OpenAI endpoints lays out its answers, whole and streamed.</summary>
public interface ICompletionFormat
{
    string IdPrefix { get; }

    object Whole(CompletionHeader header, string text, string finishReason, Usage usage);

    /// <summary>A streamed piece of text; the last one carries the finish reason.</summary>
    object Chunk(CompletionHeader header, string text, string? finishReason);

    /// <summary>The final chunk with no choices and the usage, when the client asks for it (`stream_options.include_usage`).</summary>
    object UsageChunk(CompletionHeader header, Usage usage);
}

public sealed record ChatCompletion(string Id, [property: JsonPropertyName("object")] string Kind, long Created, string Model, IReadOnlyList<ChatChoice> Choices,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Usage? Usage);

public sealed record ChatChoice(
    int Index,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ChatMessageDto? Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ChatMessageDto? Delta,
    string? FinishReason);

public sealed record TextCompletion(string Id, [property: JsonPropertyName("object")] string Kind, long Created, string Model, IReadOnlyList<TextChoice> Choices,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Usage? Usage);

public sealed record TextChoice(int Index, string Text, object? Logprobs, string? FinishReason);

public sealed class ChatFormat : ICompletionFormat
{
    private const string Assistant = "assistant";

    public string IdPrefix => "chatcmpl-";

    public object Whole(CompletionHeader header, string text, string finishReason, Usage usage) =>
        new ChatCompletion(header.Id, "chat.completion", header.Created, header.Model,
            [new ChatChoice(0, new ChatMessageDto(Assistant, text), null, finishReason)], usage);

    public object Chunk(CompletionHeader header, string text, string? finishReason) =>
        new ChatCompletion(header.Id, "chat.completion.chunk", header.Created, header.Model,
            [new ChatChoice(0, null, new ChatMessageDto(Assistant, text), finishReason)], null);

    public object UsageChunk(CompletionHeader header, Usage usage) =>
        new ChatCompletion(header.Id, "chat.completion.chunk", header.Created, header.Model, [], usage);
}

public sealed class TextFormat : ICompletionFormat
{
    private const string TextCompletionObject = "text_completion";

    public string IdPrefix => "cmpl-";

    public object Whole(CompletionHeader header, string text, string finishReason, Usage usage) =>
        new TextCompletion(header.Id, TextCompletionObject, header.Created, header.Model, [new TextChoice(0, text, null, finishReason)], usage);

    public object Chunk(CompletionHeader header, string text, string? finishReason) =>
        new TextCompletion(header.Id, TextCompletionObject, header.Created, header.Model, [new TextChoice(0, text, null, finishReason)], null);

    public object UsageChunk(CompletionHeader header, Usage usage) =>
        new TextCompletion(header.Id, TextCompletionObject, header.Created, header.Model, [], usage);
}
