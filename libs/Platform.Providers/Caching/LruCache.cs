namespace Platform.Providers.Caching;

/// <summary>
/// A map that keeps only its most recently used entries, up to a capacity: adding beyond it drops
/// the least recently used one. Owners with their own eviction rules (memory, say) give no capacity
/// and evict with <see cref="TryRemoveLeastRecent"/>. Not thread-safe: its owner locks around it.
/// </summary>
public sealed class LruCache<TKey, TValue> where TKey : notnull
{
    private readonly int _capacity;
    private readonly Dictionary<TKey, LinkedListNode<KeyValuePair<TKey, TValue>>> _entries;
    private readonly LinkedList<KeyValuePair<TKey, TValue>> _byRecency = new(); // most recent first

    public LruCache(int capacity = int.MaxValue, IEqualityComparer<TKey>? comparer = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _capacity = capacity;
        _entries = new Dictionary<TKey, LinkedListNode<KeyValuePair<TKey, TValue>>>(comparer);
    }

    public int Count => _entries.Count;

    /// <summary>The values, most recently used first.</summary>
    public IEnumerable<TValue> Values => _byRecency.Select(entry => entry.Value);

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
        Remove(key);
        _entries[key] = _byRecency.AddFirst(new KeyValuePair<TKey, TValue>(key, value));
        if (_entries.Count > _capacity)
        {
            TryRemoveLeastRecent(out _);
        }
    }

    public bool Remove(TKey key)
    {
        if (!_entries.Remove(key, out var node))
        {
            return false;
        }

        _byRecency.Remove(node);
        return true;
    }

    public void Clear()
    {
        _entries.Clear();
        _byRecency.Clear();
    }

    /// <summary>Removes the least recently used entry; false when the cache is empty.</summary>
    public bool TryRemoveLeastRecent(out KeyValuePair<TKey, TValue> removed)
    {
        if (_byRecency.Last is not { } leastRecent)
        {
            removed = default;
            return false;
        }

        removed = leastRecent.Value;
        _byRecency.RemoveLast();
        _entries.Remove(removed.Key);
        return true;
    }
}
