using System.Text.Json.Serialization;

namespace Platform.TransformerWorker.Completions;

/// <summary>What every completion object and chunk starts with.</summary>
public sealed record CompletionHeader(string Id, long Created, string Model);

/// <summary>How one of the two OpenAI endpoints lays out its answers, whole and streamed.</summary>
public interface ICompletionFormat
{
    string IdPrefix { get; }

    object Whole(CompletionHeader header, string text, string finishReason, Usage usage, IReadOnlyList<ScoredToken>? logprobs);

    /// <summary>A streamed piece of text (one token's worth), with that token's log-probabilities when asked for; the last one carries the finish reason.</summary>
    object Chunk(CompletionHeader header, string text, string? finishReason, ScoredToken? logprobs);

    /// <summary>The final chunk with no choices and the usage, when the client asks for it (`stream_options.include_usage`).</summary>
    object UsageChunk(CompletionHeader header, Usage usage);
}

public sealed record ChatCompletion(string Id, [property: JsonPropertyName("object")] string Kind, long Created, string Model, IReadOnlyList<ChatChoice> Choices,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Usage? Usage);

public sealed record ChatChoice(
    int Index,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ChatMessageDto? Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ChatMessageDto? Delta,
    ChatLogprobs? Logprobs,
    string? FinishReason);

/// <summary>Chat's log-probabilities: per generated token, its text, exact UTF-8 bytes and the most likely tokens at its position.</summary>
public sealed record ChatLogprobs(IReadOnlyList<ChatTokenLogprob> Content)
{
    public static ChatLogprobs Of(IReadOnlyList<ScoredToken> tokens) =>
        new([.. tokens.Select(scored => new ChatTokenLogprob(scored.Token.Text, scored.Token.Logprob, ByteValues(scored.Token),
            [.. scored.Top.Select(top => new ChatTopLogprob(top.Text, top.Logprob, ByteValues(top)))]))]);

    /// <summary>Numbers, not base64 as a byte array would serialize.</summary>
    private static int[] ByteValues(TokenLogprob token) => [.. token.Bytes.Select(value => (int)value)];
}

public sealed record ChatTokenLogprob(string Token, double Logprob, IReadOnlyList<int> Bytes, IReadOnlyList<ChatTopLogprob> TopLogprobs);

public sealed record ChatTopLogprob(string Token, double Logprob, IReadOnlyList<int> Bytes);

public sealed record TextCompletion(string Id, [property: JsonPropertyName("object")] string Kind, long Created, string Model, IReadOnlyList<TextChoice> Choices,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Usage? Usage);

public sealed record TextChoice(int Index, string Text, TextLogprobs? Logprobs, string? FinishReason);

/// <summary>The legacy completions' log-probabilities: parallel lists, with the most likely tokens at each position as a token → log-probability map.</summary>
public sealed record TextLogprobs(IReadOnlyList<string> Tokens, IReadOnlyList<double> TokenLogprobs, IReadOnlyList<IReadOnlyDictionary<string, double>> TopLogprobs)
{
    public static TextLogprobs Of(IReadOnlyList<ScoredToken> tokens) =>
        new([.. tokens.Select(scored => scored.Token.Text)], [.. tokens.Select(scored => scored.Token.Logprob)], [.. tokens.Select(TopOf)]);

    /// <summary>Tokens that read alike (bytes outside the vocabulary) share a key: the most likely one keeps it.</summary>
    private static Dictionary<string, double> TopOf(ScoredToken scored)
    {
        var top = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var token in scored.Top)
        {
            top.TryAdd(token.Text, token.Logprob);
        }

        return top;
    }
}

public sealed class ChatFormat : ICompletionFormat
{
    private const string Assistant = "assistant";

    public string IdPrefix => "chatcmpl-";

    public object Whole(CompletionHeader header, string text, string finishReason, Usage usage, IReadOnlyList<ScoredToken>? logprobs) =>
        new ChatCompletion(header.Id, "chat.completion", header.Created, header.Model,
            [new ChatChoice(0, new ChatMessageDto(Assistant, text), null, logprobs is null ? null : ChatLogprobs.Of(logprobs), finishReason)], usage);

    public object Chunk(CompletionHeader header, string text, string? finishReason, ScoredToken? logprobs) =>
        new ChatCompletion(header.Id, "chat.completion.chunk", header.Created, header.Model,
            [new ChatChoice(0, null, new ChatMessageDto(Assistant, text), logprobs is null ? null : ChatLogprobs.Of([logprobs]), finishReason)], null);

    public object UsageChunk(CompletionHeader header, Usage usage) =>
        new ChatCompletion(header.Id, "chat.completion.chunk", header.Created, header.Model, [], usage);
}

public sealed class TextFormat : ICompletionFormat
{
    private const string TextCompletionObject = "text_completion";

    public string IdPrefix => "cmpl-";

    public object Whole(CompletionHeader header, string text, string finishReason, Usage usage, IReadOnlyList<ScoredToken>? logprobs) =>
        new TextCompletion(header.Id, TextCompletionObject, header.Created, header.Model,
            [new TextChoice(0, text, logprobs is null ? null : TextLogprobs.Of(logprobs), finishReason)], usage);

    public object Chunk(CompletionHeader header, string text, string? finishReason, ScoredToken? logprobs) =>
        new TextCompletion(header.Id, TextCompletionObject, header.Created, header.Model,
            [new TextChoice(0, text, logprobs is null ? null : TextLogprobs.Of([logprobs]), finishReason)], null);

    public object UsageChunk(CompletionHeader header, Usage usage) =>
        new TextCompletion(header.Id, TextCompletionObject, header.Created, header.Model, [], usage);
}
