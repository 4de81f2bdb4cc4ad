using Microsoft.Extensions.Options;
using Platform.Gateway.Keys;
using Platform.Providers.Keys;

namespace Platform.Gateway.Auth;

/// <summary>A presented key's verdict: the caller, or why the key was refused.</summary>
public sealed record ApiKeyCheck(ApiKeyCaller? Caller, string? Failure);

/// <summary>Checks a presented key against the configured (bootstrap, admin) keys, then the stored ones.</summary>
public sealed class ApiKeyValidator(ApiKeyStore store, IOptions<ApiKeyOptions> options, TimeProvider time)
{
    public const string InvalidKey = "The API key is not valid";

    /// <summary>False only in local mode: no key configured and none ever stored.</summary>
    public async ValueTask<bool> KeysRequiredAsync(CancellationToken cancellationToken) =>
        options.Value.ApiKeys.Count > 0 || await store.AnyKeysAsync(cancellationToken);

    public async Task<ApiKeyCheck> ValidateAsync(string presented, CancellationToken cancellationToken)
    {
        var configured = options.Value.ApiKeys.Index().FirstOrDefault(entry => ApiKeyTokens.Matches(ApiKeyTokens.Hash(entry.Item), presented));
        if (configured.Item is not null)
        {
            return new ApiKeyCheck(new ApiKeyCaller($"config:{configured.Index}", ApiKeyRole.Admin, DefaultLimit), null);
        }

        if (!ApiKeyTokens.TryReadId(presented, out var id) || await store.FindAsync(id, cancellationToken) is not { } key
            || !ApiKeyTokens.Matches(key.KeyHash, presented))
        {
            return new ApiKeyCheck(null, InvalidKey);
        }

        if (key.IsRevoked)
        {
            return new ApiKeyCheck(null, "The API key has been revoked");
        }

        if (key.ExpiresAt <= time.GetUtcNow())
        {
            return new ApiKeyCheck(null, "The API key has expired");
        }

        await store.RecordUseAsync(id, cancellationToken);
        return new ApiKeyCheck(new ApiKeyCaller(key.Id, key.Role, key.RequestsPerMinute ?? DefaultLimit), null);
    }

    private int? DefaultLimit => options.Value.DefaultRequestsPerMinute > 0 ? options.Value.DefaultRequestsPerMinute : null;
}
