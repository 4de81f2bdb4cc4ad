using Npgsql;

namespace Platform.Providers.Quotas.SharedCounts;

/// <summary>
/// Fixed one-minute windows per key (an API key's requests, a deployment's requests or tokens), counted in
/// `llm.rate_limit_windows` so that every replica draws on the same count: N replicas allow a limit, not N times it.
/// A window opens at its key's first charge (as ASP.NET's fixed-window limiter does) and is reset by the first charge
/// after it ends. The charges of one call are one upsert statement, with no transaction of its own: it locks the keys'
/// rows in the order given, so concurrent calls on any replicas are counted one by one at one round trip each.
/// </summary>
public sealed class SharedWindows(SharedStore store)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    // A row's lock is held until commit, so with a synchronous commit the calls of every replica to one key would queue
    // behind each other's disk flushes. A count is worth less than that: this transaction commits without waiting for
    // its flush (a crash of PostgreSQL may lose the last fraction of a second of counts).
    private const string ChargeSql = """
        WITH no_flush_wait AS (SELECT set_config('synchronous_commit', 'off', true))
        INSERT INTO llm.rate_limit_windows AS w (key, window_start, count)
        SELECT charge.key, now(), charge.amount FROM unnest(@keys, @amounts) AS charge(key, amount), no_flush_wait
        ON CONFLICT (key) DO UPDATE SET
            window_start = CASE WHEN w.window_start + @window <= now() THEN now() ELSE w.window_start END,
            count = CASE WHEN w.window_start + @window <= now() THEN excluded.count ELSE w.count + excluded.count END
        RETURNING w.key, w.count, w.window_start + @window - now()
        """;

    /// <summary>The windows after <paramref name="charges"/> (by key); null when the store cannot be asked now.</summary>
    public Task<IReadOnlyList<WindowCount>?> TryChargeAsync(IReadOnlyList<WindowCharge> charges, CancellationToken cancellationToken) =>
        store.TryAsync<IReadOnlyList<WindowCount>?>(async (connection, token) =>
        {
            await using var command = new NpgsqlCommand(ChargeSql, connection);
            command.Parameters.AddWithValue("keys", charges.Select(charge => charge.Key).ToArray());
            command.Parameters.AddWithValue("amounts", charges.Select(charge => charge.Amount).ToArray());
            command.Parameters.AddWithValue("window", Window);
            await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
            var counts = new List<WindowCount>(charges.Count);
            while (await reader.ReadAsync(token).ConfigureAwait(false))
            {
                counts.Add(new WindowCount(reader.GetString(0), reader.GetInt32(1), reader.GetTimeSpan(2)));
            }

            return counts;
        }, null, cancellationToken);
}
