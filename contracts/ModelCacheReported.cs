namespace Platform.Contracts;

/// <summary>
/// Event: what one TransformerWorker replica's model cache holds, published after each change and at a fixed
/// interval, so that any replica can say which replica holds what.
/// </summary>
public sealed record ModelCacheReported(
    string Replica,
    DateTimeOffset ReportedAt,
    int MaxCacheSize,
    double MaxMemoryGb,
    double MemoryUsedMb,
    long Hits,
    long Misses,
    long Evictions,
    IReadOnlyList<ReportedCachedModel> Models);
