using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Platform.Providers.Batching;

namespace Platform.Providers.Caching;

/// <summary>
/// Answers already paid for, shared by every replica through PostgreSQL and kept for a TTL. Expiry is
/// judged by the database clock, so replicas with skewed clocks agree. Lookups and stores made at the same moment by
/// concurrent calls go to the database together, one statement for each kind (a batch of a thousand items in flight
/// would otherwise cost two round trips an item); each batch of lookups counts its hits and misses in the same
/// statement. Its writes do not wait for the WAL to reach the disk (`synchronous_commit` off for their transaction): a
/// crash of the database loses at most its last moment of cached answers, which are asked again.
/// </summary>
public sealed class PredictionCache : IAsyncDisposable
{
    private const int CounterShards = 16;
    private const int MaxBatch = 256;

    /// <summary>
    /// Runs first in each batch that writes: a batch is one implicit transaction, in which `SET LOCAL` is refused with a
    /// warning, while `set_config(..., is_local => true)` holds until the batch commits.
    /// </summary>
    private const string AsyncCommit = "SELECT set_config('synchronous_commit', 'off', true)";

    private const string LookupCommand = """
        WITH hit AS (
            SELECT asked.position, cache.value
            FROM unnest(@keys) WITH ORDINALITY AS asked(key, position)
            -- Found by key, whatever the statistics say: as a plain condition, the expiry let the planner scan the expiry
            -- index over every live entry for each batch. `IS TRUE` keeps it out of the index's reach.
            JOIN llm.prediction_cache AS cache ON cache.key = asked.key AND (cache.expires_at > now()) IS TRUE
        ), counted AS (
            UPDATE llm.prediction_cache_counters
            SET hits = hits + (SELECT count(*) FROM hit), misses = misses + cardinality(@keys) - (SELECT count(*) FROM hit)
            WHERE shard = @shard
        )
        SELECT position, value FROM hit
        """;

    // Sorted by key so that two replicas storing the same keys lock them in one order.
    private const string StoreCommand = """
        INSERT INTO llm.prediction_cache (key, value, created_at, expires_at)
        SELECT entry.key, entry.value, now(), now() + entry.ttl
        FROM unnest(@keys, @values, @ttls) AS entry(key, value, ttl)
        ORDER BY entry.key
        ON CONFLICT (key) DO UPDATE SET value = excluded.value, created_at = excluded.created_at, expires_at = excluded.expires_at
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly IOptions<PredictionCacheOptions> _options;
    private readonly CoalescingBatcher<string, string?> _lookups;
    private readonly CoalescingBatcher<CacheWrite, bool> _stores;

    public PredictionCache(NpgsqlDataSource dataSource, IOptions<PredictionCacheOptions> options)
    {
        (_dataSource, _options) = (dataSource, options);
        _lookups = new CoalescingBatcher<string, string?>(LookUpAsync, MaxBatch);
        _stores = new CoalescingBatcher<CacheWrite, bool>(StoreAsync, MaxBatch);
    }

    private const string StatsQuery = """
        SELECT count(*), coalesce(sum(octet_length(key) + octet_length(value)), 0)::bigint, min(created_at), max(created_at),
               (SELECT sum(hits) FROM llm.prediction_cache_counters)::bigint,
               (SELECT sum(misses) FROM llm.prediction_cache_counters)::bigint,
               (SELECT count(*) FROM llm.prediction_cache WHERE expires_at <= now())
        FROM llm.prediction_cache
        WHERE expires_at > now()
        """;

    private const string EntriesQuery = """
        SELECT key, value, created_at, expires_at, expires_at <= now(), octet_length(key) + octet_length(value)
        FROM llm.prediction_cache
        ORDER BY created_at DESC, key
        OFFSET @offset LIMIT @limit
        """;

    private const string ClearCommand = """
        WITH cleared AS (
            DELETE FROM llm.prediction_cache RETURNING 1
        ), reset AS (
            UPDATE llm.prediction_cache_counters SET hits = 0, misses = 0
        )
        SELECT count(*) FROM cleared
        """;

    /// <summary>The cached value under <paramref name="key"/> if it has not expired; counts a hit or a miss.</summary>
    public Task<string?> TryGetAsync(string key, CancellationToken cancellationToken) => _lookups.RunAsync(key, cancellationToken);

    /// <summary>Stores <paramref name="value"/> for the configured TTL, replacing any earlier value.</summary>
    public Task SetAsync(string key, string value, CancellationToken cancellationToken) =>
        SetAsync(key, value, _options.Value.Ttl, cancellationToken);

    public Task SetAsync(string key, string value, TimeSpan ttl, CancellationToken cancellationToken) =>
        _stores.RunAsync(new CacheWrite(key, value, ttl), cancellationToken);

    public async Task<PredictionCacheStats> GetStatsAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(StatsQuery);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new PredictionCacheStats(reader.GetInt64(0), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(1),
            reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2),
            reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3), reader.GetInt64(6));
    }

    /// <summary>Entries newest first, expired ones included (they stay until the next purge).</summary>
    public async Task<IReadOnlyList<PredictionCacheEntry>> ListAsync(int offset, int limit, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(EntriesQuery);
        command.Parameters.Add(new NpgsqlParameter("offset", NpgsqlDbType.Integer) { Value = offset });
        command.Parameters.Add(new NpgsqlParameter("limit", NpgsqlDbType.Integer) { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<PredictionCacheEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new PredictionCacheEntry(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2),
                reader.GetFieldValue<DateTimeOffset>(3), reader.GetBoolean(4), reader.GetInt32(5)));
        }

        return entries;
    }

    /// <summary>Deletes every entry and restarts the hit and miss counts; returns how many entries there were.</summary>
    public async Task<long> ClearAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(ClearCommand);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Deletes expired entries; returns how many.</summary>
    public async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("DELETE FROM llm.prediction_cache WHERE expires_at <= now()");
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _lookups.DisposeAsync();
        await _stores.DisposeAsync();
    }

    private async Task<IReadOnlyList<string?>> LookUpAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await using var batch = AsyncCommitBatch(LookupCommand);
        var command = batch.BatchCommands[^1];
        command.Parameters.Add(new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = keys.ToArray() });
        command.Parameters.Add(new NpgsqlParameter("shard", NpgsqlDbType.Smallint) { Value = (short)Random.Shared.Next(CounterShards) });
        var values = new string?[keys.Count];
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            values[reader.GetInt64(0) - 1] = reader.GetString(1);
        }

        return values;
    }

    private async Task<IReadOnlyList<bool>> StoreAsync(IReadOnlyList<CacheWrite> entries, CancellationToken cancellationToken)
    {
        // One statement may not upsert a key twice: the last store of a key wins, as it would have one at a time.
        var latest = entries.GroupBy(entry => entry.Key, StringComparer.Ordinal).Select(stores => stores.Last()).ToList();
        await using var batch = AsyncCommitBatch(StoreCommand);
        var command = batch.BatchCommands[^1];
        command.Parameters.Add(new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = latest.Select(entry => entry.Key).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("values", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = latest.Select(entry => entry.Value).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("ttls", NpgsqlDbType.Array | NpgsqlDbType.Interval) { Value = latest.Select(entry => entry.Ttl).ToArray() });
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return new bool[entries.Count];
    }

    private NpgsqlBatch AsyncCommitBatch(string statement)
    {
        var batch = _dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand(AsyncCommit));
        batch.BatchCommands.Add(new NpgsqlBatchCommand(statement));
        return batch;
    }
}
