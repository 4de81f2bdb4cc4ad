using System.Collections.Concurrent;

namespace Platform.Gateway.Realtime;

/// <summary>
/// Open WebSocket connections per key, counted on this replica and across replicas (<see cref="SocketLeases"/>); the
/// replica's own count holds when the shared one cannot be asked.
/// </summary>
public sealed class SocketConnections(SocketLeases leases)
{
    private readonly ConcurrentDictionary<string, int> _open = new();
    private readonly ConcurrentDictionary<Guid, string> _leased = new();

    /// <summary>The leases of this replica's open connections.</summary>
    public IReadOnlyCollection<Guid> Leased => [.. _leased.Keys];

    /// <summary>
    /// Takes a slot for <paramref name="keyId"/>, or answers null when it holds <paramref name="max"/> already (here, or
    /// on all replicas together); dispose to give it back.
    /// </summary>
    public async Task<IAsyncDisposable?> TryOpenAsync(string keyId, int max, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid();
        var opened = _open.AddOrUpdate(keyId, 1, (_, count) => count + 1);
        try
        {
            if (opened <= max && await leases.TryTakeAsync(id, keyId, max, cancellationToken))
            {
                _leased[id] = keyId;
                return new Slot(this, keyId, id);
            }
        }
        catch (OperationCanceledException)
        {
            Close(keyId);
            throw;
        }

        Close(keyId);
        return null;
    }

    /// <summary>The connection is over whoever ended it, so giving its slot back does not wait on its request.</summary>
    private Task ReleaseAsync(string keyId, Guid id)
    {
        _leased.TryRemove(id, out _);
        Close(keyId);
        return leases.ReleaseAsync(id, CancellationToken.None);
    }

    private void Close(string keyId)
    {
        // Removing at zero keeps the map as small as the set of keys connected now.
        if (_open.AddOrUpdate(keyId, 0, (_, count) => count - 1) == 0)
        {
            _open.TryRemove(KeyValuePair.Create(keyId, 0));
        }
    }

    private sealed class Slot(SocketConnections owner, string keyId, Guid id) : IAsyncDisposable
    {
        private int _closed;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _closed, 1) == 0)
            {
                await owner.ReleaseAsync(keyId, id);
            }
        }
    }
}
