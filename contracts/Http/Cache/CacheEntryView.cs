namespace Platform.Contracts.Http.Cache;

/// <summary>One cached prediction as `GET /api/v1/ai/cache/entries` lists it.</summary>
public sealed record CacheEntryView(string Key, DateTime CreatedAt, DateTime ExpiresAt, bool Expired, int SizeBytes, string? ModelVersion,
    string AnswerPreview);
