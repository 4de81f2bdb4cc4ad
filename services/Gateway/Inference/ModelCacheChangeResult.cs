using Platform.Contracts;

namespace Platform.Gateway.Inference;

/// <summary>What a TransformerWorker did with a cache change, and its cache after it.</summary>
public sealed record ModelCacheChangeResult(bool Changed, ModelCacheReported Replica);
