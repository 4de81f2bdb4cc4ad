namespace Platform.Contracts.Http.Keys;

/// <summary>A key as listings show it: no secret, not even its hash.</summary>
public sealed record KeySummary(string Id, string Name, ApiKeyRole Role, string Prefix, int? RequestsPerMinute, DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, bool Revoked, DateTimeOffset? RevokedAt);
