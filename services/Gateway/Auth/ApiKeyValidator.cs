using Platform.Contracts.Http.Keys;
using Microsoft.Extensions.Options;
using Platform.Gateway.Keys;
using Platform.Llm.Data.Keys;

namespace Platform.Gateway.Auth;

/// <summary>Checks a presented key against the configured (bootstrap, admin) keys, then the stored ones.</summary>
public sealed class ApiKeyValidator(ApiKeyStore store, IOptions<ApiKeyOptions> options, TimeProvider time)
{
    public const string InvalidKey = "The API key is not valid";
    private const string ConfiguredKeyPrefix = "config:";

    /// <summary>False only in local mode: no key configured and none ever stored.</summary>
    public async ValueTask<bool> KeysRequiredAsync(CancellationToken cancellationToken) =>
        options.Value.ApiKeys.Count > 0 || await store.AnyKeysAsync(cancellationToken);

    public async Task<ApiKeyCheck> ValidateAsync(string presented, CancellationToken cancellationToken)
    {
        var configured = options.Value.ApiKeys.Index().FirstOrDefault(entry => ApiKeyTokens.Matches(ApiKeyTokens.Hash(entry.Item), presented));
        if (configured.Item is not null)
        {
            return new ApiKeyCheck(new ApiKeyCaller($"{ConfiguredKeyPrefix}{configured.Index}", ApiKeyRole.Admin, DefaultLimit), null);
        }

        if (!ApiKeyTokens.TryReadId(presented, out var id) || await store.FindAsync(id, cancellationToken) is not { } key
            || !ApiKeyTokens.Matches(key.KeyHash, presented))
        {
            return new ApiKeyCheck(null, InvalidKey);
        }

        if (Failure(key) is { } failure)
        {
            return new ApiKeyCheck(null, failure);
        }

        await store.RecordUseAsync(id, cancellationToken);
        return new ApiKeyCheck(new ApiKeyCaller(key.Id, key.Role, key.RequestsPerMinute ?? DefaultLimit), null);
    }

    /// <summary>
    /// Looks again at a key accepted earlier (a long-lived WebSocket's): null while it holds, else why not. Stored keys
    /// are read through the key cache, so a revocation is seen within `Auth:KeyCacheDuration`; configured keys and
    /// local mode last as long as the process.
    /// </summary>
    public async Task<string?> RevalidateAsync(string keyId, CancellationToken cancellationToken) =>
        keyId == ApiKeyCaller.Local.KeyId || keyId.StartsWith(ConfiguredKeyPrefix, StringComparison.Ordinal)
            ? null
            : await store.FindAsync(keyId, cancellationToken) is { } key ? Failure(key) : InvalidKey;

    private string? Failure(ApiKey key) =>
        key.IsRevoked ? "The API key has been revoked"
        : key.ExpiresAt <= time.GetUtcNow() ? "The API key has expired"
        : null;

    private int? DefaultLimit => options.Value.DefaultRequestsPerMinute > 0 ? options.Value.DefaultRequestsPerMinute : null;
}
