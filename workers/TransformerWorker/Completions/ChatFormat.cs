namespace Platform.TransformerWorker.Completions;

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
