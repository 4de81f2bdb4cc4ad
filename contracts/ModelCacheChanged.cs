namespace Platform.Contracts;

/// <summary>
/// Event: a TransformerWorker replica changed its model cache through the Inference API; every other replica
/// makes the same change, so that the cache is managed as one.
/// </summary>
/// <param name="Action">`remove` (<paramref name="Key"/>), `clear`, `configure` (the limits given) or `preload` (<paramref name="ModelName"/>).</param>
/// <param name="OriginReplica">The replica that made the change first; it does not repeat it.</param>
public sealed record ModelCacheChanged(
    string Action, string? Key, string? ModelName, int? MaxCacheSize, double? MaxMemoryGb, string OriginReplica, DateTimeOffset ChangedAt);
