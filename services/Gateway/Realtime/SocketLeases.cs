using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Providers.Quotas.SharedCounts;

namespace Platform.Gateway.Realtime;

/// <summary>
/// Open WebSocket connections per key counted across replicas in `llm.socket_leases`: each connection holds a lease that
/// its replica renews while it is open (<see cref="SocketLeaseRenewal"/>), so the slots of a replica that died free
/// themselves within <see cref="RealtimeOptions.LeaseDuration"/>. When the database cannot be asked, a connection is
/// admitted without a lease (the replica's own count still limits it).
/// </summary>
public sealed class SocketLeases(SharedStore store, IOptions<RealtimeOptions> options)
{
    /// <summary>Takes a lease unless <paramref name="keyId"/> holds <paramref name="max"/> live ones; true when the store cannot be asked.</summary>
    public Task<bool> TryTakeAsync(Guid id, string keyId, int max, CancellationToken cancellationToken) =>
        store.TryAsync(async (connection, token) =>
        {
            // One implicit transaction: the key's advisory lock makes count-then-insert atomic across replicas.
            await using var batch = new NpgsqlBatch(connection)
            {
                BatchCommands =
                {
                    Command("SELECT pg_advisory_xact_lock(hashtextextended('socket:' || $1, 0))", keyId),
                    Command("DELETE FROM llm.socket_leases WHERE key_id = $1 AND expires_at <= now()", keyId),
                    Command("""
                        INSERT INTO llm.socket_leases (id, key_id, expires_at) SELECT $1, $2, now() + $3
                        WHERE (SELECT count(*) FROM llm.socket_leases WHERE key_id = $2) < $4
                        """, id, keyId, options.Value.LeaseDuration, max),
                },
            };
            await batch.ExecuteNonQueryAsync(token).ConfigureAwait(false);
            return batch.BatchCommands[2].RecordsAffected == 1;
        }, true, cancellationToken);

    /// <summary>
    /// Extends the leases of this replica's open connections and drops every expired one. Only existing leases are
    /// extended, so a lease given back while this ran is not brought back.
    /// </summary>
    public Task RenewAsync(IReadOnlyCollection<Guid> open, CancellationToken cancellationToken) =>
        store.TryAsync(async (connection, token) =>
        {
            await using var batch = new NpgsqlBatch(connection)
            {
                BatchCommands =
                {
                    Command("UPDATE llm.socket_leases SET expires_at = now() + $2 WHERE id = ANY($1)", open.ToArray(), options.Value.LeaseDuration),
                    Command("DELETE FROM llm.socket_leases WHERE expires_at <= now()"),
                },
            };
            return await batch.ExecuteNonQueryAsync(token).ConfigureAwait(false);
        }, 0, cancellationToken);

    public Task ReleaseAsync(Guid id, CancellationToken cancellationToken) =>
        store.TryAsync(async (connection, token) =>
        {
            await using var command = new NpgsqlCommand("DELETE FROM llm.socket_leases WHERE id = $1", connection) { Parameters = { new() { Value = id } } };
            return await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
        }, 0, cancellationToken);

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
