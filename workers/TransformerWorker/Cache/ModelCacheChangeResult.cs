using Platform.Contracts;

namespace Platform.TransformerWorker.Cache;

/// <summary>What a change did here, and this replica's cache after it.</summary>
public sealed record ModelCacheChangeResult(bool Changed, ModelCacheReported Replica);
