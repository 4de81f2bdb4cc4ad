using Platform.Contracts.Http.Keys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Platform.Gateway.Auth;
using Platform.Llm.Data;
using Platform.Llm.Data.Keys;

namespace Platform.Gateway.Keys;

/// <summary>
/// Stored keys, with the short in-memory cache that keeps PostgreSQL off the path of most requests:
/// a key (or its absence) is remembered for `Auth:KeyCacheDuration`, so a revocation made through
/// another replica takes effect here within that window (through this replica, at once).
/// </summary>
/// <remarks>
/// Every request authenticates through here, and most are answered from the cache; making a DbContext
/// costs more than the rest of authentication together, so the request's one is asked for only when
/// PostgreSQL is.
/// </remarks>
public sealed class ApiKeyStore(IServiceProvider requestServices, IMemoryCache cache, IOptions<ApiKeyOptions> options, TimeProvider time)
{
    private const string AnyKeysEntry = "api-keys:any";

    private LlmDbContext Db => requestServices.GetRequiredService<LlmDbContext>();

    private TimeSpan CacheDuration => options.Value.KeyCacheDuration;

    /// <summary>Whether a key was ever stored; once one was, that stays true, so it is then never asked again.</summary>
    public async ValueTask<bool> AnyKeysAsync(CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(AnyKeysEntry, out bool any))
        {
            return any;
        }

        any = await Db.Set<ApiKey>().AnyAsync(cancellationToken);
        cache.Set(AnyKeysEntry, any, AnyKeysOptions(any));
        return any;
    }

    /// <summary>Once keys exist they always will, so that answer is kept even when random keys fill the cache.</summary>
    private MemoryCacheEntryOptions AnyKeysOptions(bool any) => any
        ? new MemoryCacheEntryOptions { Size = 1, Priority = CacheItemPriority.NeverRemove }
        : new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = CacheDuration };

    public Task<ApiKey?> FindAsync(string id, CancellationToken cancellationToken) =>
        cache.GetOrCreateAsync(KeyEntry(id), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheDuration;
            entry.Size = 1;
            return Db.Set<ApiKey>().AsNoTracking().SingleOrDefaultAsync(key => key.Id == id, cancellationToken);
        });

    /// <summary>Updates `last_used_at` at most once per cache window and replica, not on every request.</summary>
    public async Task RecordUseAsync(string id, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(UseEntry(id), out _))
        {
            return;
        }

        cache.Set(UseEntry(id), true, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = CacheDuration });
        var now = time.GetUtcNow();
        await Db.Set<ApiKey>().Where(key => key.Id == id).ExecuteUpdateAsync(set => set.SetProperty(key => key.LastUsedAt, now), cancellationToken);
    }

    /// <summary>Stores a new key; the returned full key exists nowhere else and must be shown to its owner once.</summary>
    public async Task<(ApiKey Key, string FullKey)> CreateAsync(string name, ApiKeyRole role, int? requestsPerMinute, DateTimeOffset? expiresAt,
        CancellationToken cancellationToken)
    {
        var (id, fullKey) = ApiKeyTokens.Generate();
        var key = new ApiKey
        {
            Id = id,
            Name = name,
            Role = role,
            KeyHash = ApiKeyTokens.Hash(fullKey),
            RequestsPerMinute = requestsPerMinute,
            CreatedAt = time.GetUtcNow(),
            ExpiresAt = expiresAt,
        };
        Db.Add(key);
        await Db.SaveChangesAsync(cancellationToken);
        cache.Set(AnyKeysEntry, true, AnyKeysOptions(true));
        cache.Remove(KeyEntry(id));
        return (key, fullKey);
    }

    public Task<List<ApiKey>> ListAsync(CancellationToken cancellationToken) =>
        Db.Set<ApiKey>().AsNoTracking().OrderByDescending(key => key.CreatedAt).ToListAsync(cancellationToken);

    /// <summary>Revokes the key (idempotently) and forgets it here at once; null when there is no such key.</summary>
    public async Task<ApiKey?> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        var key = await Db.Set<ApiKey>().SingleOrDefaultAsync(key => key.Id == id, cancellationToken);
        if (key is null)
        {
            return null;
        }

        key.RevokedAt ??= time.GetUtcNow();
        await Db.SaveChangesAsync(cancellationToken);
        cache.Remove(KeyEntry(id));
        return key;
    }

    private static string KeyEntry(string id) => $"api-keys:key:{id}";

    private static string UseEntry(string id) => $"api-keys:used:{id}";
}
