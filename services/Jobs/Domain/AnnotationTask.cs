using Platform.Jobs.Callers;

namespace Platform.Jobs.Domain;

/// <summary>An imported annotation task: the text a model will label.</summary>
public sealed class AnnotationTask : IOwned
{
    public required string Id { get; init; }
    /// <summary>The key id of the caller that imported it (see <c>Caller</c>).</summary>
    public required string Owner { get; init; }
    public required string Content { get; set; }
    /// <summary>Caller-owned JSON, stored as given.</summary>
    public string? Metadata { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}
