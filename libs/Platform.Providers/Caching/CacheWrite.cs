namespace Platform.Providers.Caching;

/// <summary>One answer to store in the <see cref="PredictionCache"/>.</summary>
public sealed record CacheWrite(string Key, string Value, TimeSpan Ttl);
