namespace Platform.Providers.Routing;

/// <summary>
/// A map that keeps only its most recently used entries, up to a capacity: adding beyond it drops
/// the least recently used one. Not thread-safe: its owner locks around it.
/// </summary>
public sealed class LruCache<TKey, TValue> where TKey : notnull
{
    private readonly int _capacity;
    private readonly Dictionary<TKey, LinkedListNode<KeyValuePair<TKey, TValue>>> _entries;
    private readonly LinkedList<KeyValuePair<TKey, TValue>> _byRecency = new(); // most recent first

    public LruCache(int capacity, IEqualityComparer<TKey>? comparer = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _capacity = capacity;
        _entries = new Dictionary<TKey, LinkedListNode<KeyValuePair<TKey, TValue>>>(comparer);
    }

    /// <summary>Finds an entry and makes it the most recently used.</summary>
    public bool TryGetValue(TKey key, out TValue value)
    {
        if (!_entries.TryGetValue(key, out var node))
        {
            value = default!;
            return false;
        }

        _byRecency.Remove(node);
        _byRecency.AddFirst(node);
        value = node.Value.Value;
        return true;
    }

    /// <summary>Adds or replaces an entry as the most recently used, dropping the least recently used one when over capacity.</summary>
    public void Set(TKey key, TValue value)
    {
        if (_entries.Remove(key, out var replaced))
        {
            _byRecency.Remove(replaced);
        }

        _entries[key] = _byRecency.AddFirst(new KeyValuePair<TKey, TValue>(key, value));
        if (_entries.Count > _capacity)
        {
            _entries.Remove(_byRecency.Last!.Value.Key);
            _byRecency.RemoveLast();
        }
    }
}
