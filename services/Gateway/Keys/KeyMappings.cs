using Platform.Contracts.Http.Keys;
using Platform.Llm.Data.Keys;

namespace Platform.Gateway.Keys;

public static class KeyMappings
{
    public static KeySummary ToSummary(this ApiKey key) => new(key.Id, key.Name, key.Role, ApiKeyTokens.DisplayPrefix(key.Id),
        key.RequestsPerMinute, key.CreatedAt, key.ExpiresAt, key.LastUsedAt, key.IsRevoked, key.RevokedAt);

    public static CreatedKey ToCreated(this ApiKey key, string fullKey) => new(key.Id, fullKey, key.Name, key.Role,
        ApiKeyTokens.DisplayPrefix(key.Id), key.RequestsPerMinute, key.CreatedAt, key.ExpiresAt);
}
