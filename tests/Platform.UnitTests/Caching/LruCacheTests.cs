using Platform.Providers.Caching;

namespace Platform.UnitTests.Caching;

public sealed class LruCacheTests
{
    [Test]
    public void Over_capacity_the_least_recently_used_entry_goes_and_a_read_counts_as_a_use()
    {
        var cache = new LruCache<string, int>(capacity: 2);
        cache.Set("a", 1);
        cache.Set("b", 2);
        Assert.That(cache.TryGetValue("a", out _), Is.True);

        cache.Set("c", 3);

        Assert.That(cache.Values, Is.EqualTo(new[] { 3, 1 }), "most recent first; b was the least recently used");
        Assert.That(cache.TryGetValue("b", out _), Is.False);
    }

    [Test]
    public void Without_a_capacity_its_owner_evicts_removes_and_clears()
    {
        var cache = new LruCache<string, int>();
        foreach (var (key, value) in new[] { ("a", 1), ("b", 2), ("c", 3) }) cache.Set(key, value);
        cache.TryGetValue("a", out _);

        Assert.That(cache.TryRemoveLeastRecent(out var evicted), Is.True);
        Assert.That(evicted, Is.EqualTo(KeyValuePair.Create("b", 2)));
        Assert.That(cache.Remove("c"), Is.True);
        Assert.That(cache.Remove("c"), Is.False);
        Assert.That(cache.Values, Is.EqualTo(new[] { 1 }));

        cache.Clear();
        Assert.That(cache.Count, Is.Zero);
        Assert.That(cache.TryRemoveLeastRecent(out _), Is.False);
    }
}
