namespace Platform.TransformerWorker.Completions;

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
