using System.Collections.Concurrent;

namespace Platform.Gateway.Realtime;

/// <summary>Open WebSocket connections per key on this replica.</summary>
public sealed class SocketConnections
{
    private readonly ConcurrentDictionary<string, int> _open = new();

    /// <summary>Takes a slot for <paramref name="keyId"/>, or answers null when it holds <paramref name="max"/> already; dispose to give it back.</summary>
    public IDisposable? TryOpen(string keyId, int max)
    {
        var opened = _open.AddOrUpdate(keyId, 1, (_, count) => count + 1);
        if (opened <= max)
        {
            return new Slot(this, keyId);
        }

        Close(keyId);
        return null;
    }

    private void Close(string keyId)
    {
        // Removing at zero keeps the map as small as the set of keys connected now.
        if (_open.AddOrUpdate(keyId, 0, (_, count) => count - 1) == 0)
        {
            _open.TryRemove(KeyValuePair.Create(keyId, 0));
        }
    }

    private sealed class Slot(SocketConnections owner, string keyId) : IDisposable
    {
        private int _closed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _closed, 1) == 0)
            {
                owner.Close(keyId);
            }
        }
    }
}
