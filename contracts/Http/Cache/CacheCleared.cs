namespace Platform.Contracts.Http.Cache;

/// <summary>`DELETE /api/v1/ai/cache`.</summary>
public sealed record CacheCleared(string Message, long ClearedEntries);
