using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Platform.Providers.Caching;

/// <summary>
/// Answers already paid for, shared by every replica through PostgreSQL and kept for a TTL. Expiry is
/// judged by the database clock, so replicas with skewed clocks agree. Each lookup counts itself as a
/// hit or a miss in the same statement. Its writes do not wait for the WAL to reach the disk
/// (`synchronous_commit = off`): a crash of the database loses at most its last moment of cached answers, which are
/// asked again, and every batch item stops paying two disk flushes.
/// </summary>
public sealed class PredictionCache(NpgsqlDataSource dataSource, IOptions<PredictionCacheOptions> options)
{
    private const int CounterShards = 16;

    private const string LookupCommand = """
        SET LOCAL synchronous_commit = off;
        WITH hit AS (
            SELECT value FROM llm.prediction_cache WHERE key = @key AND expires_at > now()
        ), counted AS (
            UPDATE llm.prediction_cache_counters
            SET hits = hits + (SELECT count(*) FROM hit), misses = misses + 1 - (SELECT count(*) FROM hit)
            WHERE shard = @shard
        )
        SELECT value FROM hit
        """;

    private const string StoreCommand = """
        SET LOCAL synchronous_commit = off;
        INSERT INTO llm.prediction_cache (key, value, created_at, expires_at)
        VALUES (@key, @value, now(), now() + @ttl)
        ON CONFLICT (key) DO UPDATE SET value = excluded.value, created_at = excluded.created_at, expires_at = excluded.expires_at
        """;

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
    public async Task<string?> TryGetAsync(string key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(LookupCommand);
        command.Parameters.Add(new NpgsqlParameter("key", NpgsqlDbType.Text) { Value = key });
        command.Parameters.Add(new NpgsqlParameter("shard", NpgsqlDbType.Smallint) { Value = (short)Random.Shared.Next(CounterShards) });
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>Stores <paramref name="value"/> for the configured TTL, replacing any earlier value.</summary>
    public Task SetAsync(string key, string value, CancellationToken cancellationToken) =>
        SetAsync(key, value, options.Value.Ttl, cancellationToken);

    public async Task SetAsync(string key, string value, TimeSpan ttl, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(StoreCommand);
        command.Parameters.Add(new NpgsqlParameter("key", NpgsqlDbType.Text) { Value = key });
        command.Parameters.Add(new NpgsqlParameter("value", NpgsqlDbType.Text) { Value = value });
        command.Parameters.Add(new NpgsqlParameter("ttl", NpgsqlDbType.Interval) { Value = ttl });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<PredictionCacheStats> GetStatsAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(StatsQuery);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new PredictionCacheStats(reader.GetInt64(0), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(1),
            reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2),
            reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3), reader.GetInt64(6));
    }

    /// <summary>Entries newest first, expired ones included (they stay until the next purge).</summary>
    public async Task<IReadOnlyList<PredictionCacheEntry>> ListAsync(int offset, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(EntriesQuery);
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
        await using var command = dataSource.CreateCommand(ClearCommand);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Deletes expired entries; returns how many.</summary>
    public async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM llm.prediction_cache WHERE expires_at <= now()");
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
