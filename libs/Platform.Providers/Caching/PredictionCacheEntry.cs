namespace Platform.Providers.Caching;

/// <summary>One cached value as the cache manager lists it; <see cref="Value"/> is what the cache holds (an <see cref="CachedAnswer"/> as JSON).</summary>
public sealed record PredictionCacheEntry(string Key, string Value, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, bool Expired, int SizeBytes);
