namespace Platform.TransformerWorker.Completions;

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
