namespace Platform.Testing.Upstreams;

/// <summary>What a fake upstream answers, in its own protocol's shape.</summary>
public abstract record UpstreamReply
{
    /// <summary>The model's answer text (for HuggingFace: the classification body, raw JSON).</summary>
    public static UpstreamReply Text(string content) => new Answer(content, null);

    /// <summary>Streams the answer and drops the connection after <paramref name="chunks"/> chunks.</summary>
    public static UpstreamReply BrokenStream(string content, int chunks) => new Answer(content, chunks);

    /// <summary>An error in the protocol's format; <paramref name="retryAfter"/> is seconds, sent the way the protocol advertises it.</summary>
    public static UpstreamReply Error(int status, string message, string? retryAfter = null) => new Failure(status, message, retryAfter);

    public sealed record Answer(string Content, int? AbortAfterChunks) : UpstreamReply;

    public sealed record Failure(int StatusCode, string Message, string? RetryAfter) : UpstreamReply;
}
