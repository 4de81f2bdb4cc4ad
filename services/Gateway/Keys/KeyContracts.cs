using Platform.Providers.Keys;

namespace Platform.Gateway.Keys;

public sealed record CreateKeyRequest(string? Name, ApiKeyRole? Role, int? RequestsPerMinute, DateTimeOffset? ExpiresAt);

/// <summary>The only answer that ever contains the key.</summary>
public sealed record CreatedKey(string Id, string Key, string Name, ApiKeyRole Role, string Prefix, int? RequestsPerMinute,
    DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt);

/// <summary>A key as listings show it: no secret, not even its hash.</summary>
public sealed record KeySummary(string Id, string Name, ApiKeyRole Role, string Prefix, int? RequestsPerMinute, DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, bool Revoked, DateTimeOffset? RevokedAt);

public sealed record KeyList(IReadOnlyList<KeySummary> Keys);

public static class KeyMappings
{
    public static KeySummary ToSummary(this ApiKey key) => new(key.Id, key.Name, key.Role, ApiKeyTokens.DisplayPrefix(key.Id),
        key.RequestsPerMinute, key.CreatedAt, key.ExpiresAt, key.LastUsedAt, key.IsRevoked, key.RevokedAt);

    public static CreatedKey ToCreated(this ApiKey key, string fullKey) => new(key.Id, fullKey, key.Name, key.Role,
        ApiKeyTokens.DisplayPrefix(key.Id), key.RequestsPerMinute, key.CreatedAt, key.ExpiresAt);
}
