namespace Platform.Jobs.OpenAiBatches;

/// <summary>A file of OpenAI's Files API: a batch input uploaded by a caller, or a batch's output or error file. Its bytes are in `jobs.file_chunks`.</summary>
public sealed class OpenAiFile : IListed
{
    public const string BatchPurpose = "batch";
    public const string BatchOutputPurpose = "batch_output";

    public required string Id { get; init; }
    /// <summary>The key id of the caller that uploaded it, or of the batch's owner for its output (see <c>Caller</c>).</summary>
    public required string Owner { get; init; }
    public required string Filename { get; init; }
    public required string Purpose { get; set; }
    public long Bytes { get; set; }
    public DateTimeOffset CreatedAt { get; init; }

    public static string NewId() => $"file-{Guid.NewGuid():N}";
}
