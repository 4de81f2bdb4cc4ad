namespace Platform.TransformerWorker.Cache;

/// <summary>The new limits of `PUT /cache/config`; the Gateway checks seed 001's ranges.</summary>
public sealed record ModelCacheLimits(int? MaxCacheSize, double? MaxMemoryGb);
