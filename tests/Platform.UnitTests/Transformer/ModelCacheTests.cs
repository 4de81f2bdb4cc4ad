using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.Transformer;
using Platform.Transformer.Kernels;
using Platform.TransformerWorker.Models;

namespace Platform.UnitTests.Transformer;

public sealed class ModelCacheTests
{
    private const double BytesPerGb = 1024.0 * 1024.0 * 1024.0;

    /// <summary>Tiny models of one size (about 0.4 MB each), told apart by their seed.</summary>
    private static LocalModelDefinition Model(string name, int seed = 1) =>
        new(name, new TransformerConfig { VocabSize = 512, ContextSize = 64, NLayer = 2, NHead = 4, NEmbed = 64 }, seed, WeightsPath: null);

    private static readonly long ModelBytes = Model("size").MemoryBytes;

    private static ModelCache Cache(int maxModels = 10, double maxMemoryGb = 1) =>
        new(Options.Create(new TransformerOptions { MaxCacheSize = maxModels, MaxMemoryGb = maxMemoryGb }), TimeProvider.System,
            new WorkerGang(0), NullLogger<ModelCache>.Instance);

    private static IEnumerable<string> Keys(ModelCache cache) => cache.GetCachedModels().Select(model => model.Key);

    [Test]
    public async Task A_second_request_is_a_hit_on_the_same_loaded_model()
    {
        using var cache = Cache();

        var first = await cache.GetAsync(Model("a"), CancellationToken.None);
        var second = await cache.GetAsync(Model("a"), CancellationToken.None);

        Assert.That(second, Is.SameAs(first));
        var stats = cache.GetStats();
        Assert.That((stats.Hits, stats.Misses, stats.Evictions, stats.CachedModels), Is.EqualTo((1L, 1L, 0L, 1)));
        var cached = cache.GetCachedModels().Single();
        Assert.That(cached.Key, Is.EqualTo("local:a"));
        Assert.That(cached.AccessCount, Is.EqualTo(2));
        Assert.That(cached.LastAccess, Is.GreaterThanOrEqualTo(cached.LoadedAt));
        Assert.That(cached.MemoryMb, Is.EqualTo(ModelBytes / (1024.0 * 1024.0)));
    }

    [Test]
    public async Task Evicts_the_least_recently_used_model_when_the_count_limit_is_reached()
    {
        using var cache = Cache(maxModels: 2);
        await cache.GetAsync(Model("a"), CancellationToken.None);
        await cache.GetAsync(Model("b"), CancellationToken.None);
        await cache.GetAsync(Model("a"), CancellationToken.None); // b is now the least recently used

        await cache.GetAsync(Model("c"), CancellationToken.None);

        Assert.That(Keys(cache), Is.EqualTo(new[] { "local:c", "local:a" }));
        Assert.That(cache.GetStats().Evictions, Is.EqualTo(1));
    }

    [Test]
    public async Task Evicts_the_least_recently_used_models_until_a_new_one_fits_in_memory()
    {
        using var cache = Cache(maxModels: 10, maxMemoryGb: 2.5 * ModelBytes / BytesPerGb);
        await cache.GetAsync(Model("a"), CancellationToken.None);
        await cache.GetAsync(Model("b"), CancellationToken.None);

        await cache.GetAsync(Model("c"), CancellationToken.None);

        Assert.That(Keys(cache), Is.EqualTo(new[] { "local:c", "local:b" }));
        var stats = cache.GetStats();
        Assert.That(stats.Evictions, Is.EqualTo(1));
        Assert.That(stats.MemoryUsedMb * 1024 * 1024, Is.EqualTo(2 * ModelBytes));
    }

    [Test]
    public async Task Shrinking_the_limits_at_run_time_evicts_what_no_longer_fits()
    {
        using var cache = Cache();
        foreach (var name in new[] { "a", "b", "c", "d" })
        {
            await cache.GetAsync(Model(name), CancellationToken.None);
        }

        cache.Resize(3);
        Assert.That(Keys(cache), Is.EqualTo(new[] { "local:d", "local:c", "local:b" }));

        cache.SetMemoryLimit(1.5 * ModelBytes / BytesPerGb);
        Assert.That(Keys(cache), Is.EqualTo(new[] { "local:d" }));
        var stats = cache.GetStats();
        Assert.That((stats.MaxCacheSize, stats.Evictions), Is.EqualTo((3, 3L)));
        Assert.That(stats.MaxMemoryGb, Is.EqualTo(1.5 * ModelBytes / BytesPerGb).Within(1e-9));
    }

    [Test]
    public async Task A_model_larger_than_the_memory_limit_is_refused_and_evicts_nothing()
    {
        using var cache = Cache(maxMemoryGb: 1.5 * ModelBytes / BytesPerGb);
        await cache.GetAsync(Model("a"), CancellationToken.None);
        var large = new LocalModelDefinition("large", Model("a").Config with { NLayer = 6 }, 1, null);   // about twice the memory of "a"

        var refused = Assert.ThrowsAsync<ModelTooLargeException>(() => cache.GetAsync(large, CancellationToken.None));

        Assert.That(refused!.Message, Does.StartWith("model local:large needs"));
        Assert.That(Keys(cache), Is.EqualTo(new[] { "local:a" }));
    }

    [Test]
    public async Task Preloading_makes_the_first_use_a_hit_and_removing_makes_the_next_a_miss()
    {
        using var cache = Cache();
        await cache.PreloadAsync(Model("a"), CancellationToken.None);
        await cache.GetAsync(Model("a"), CancellationToken.None);
        Assert.That((cache.GetStats().Hits, cache.GetStats().Misses), Is.EqualTo((1L, 1L)));

        Assert.That(cache.Remove("local:a"), Is.True);
        Assert.That(cache.Remove("local:a"), Is.False);
        await cache.GetAsync(Model("a"), CancellationToken.None);
        Assert.That(cache.GetStats().Misses, Is.EqualTo(2));

        cache.Clear();
        Assert.That(cache.GetCachedModels(), Is.Empty);
    }

    [Test]
    public void Limits_must_be_positive()
    {
        using var cache = Cache();

        Assert.Throws<ArgumentOutOfRangeException>(() => cache.Resize(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => cache.SetMemoryLimit(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => cache.SetMemoryLimit(double.NaN));
    }

    [Test]
    public void A_config_and_seed_name_the_same_model_on_every_replica()
    {
        var config = Model("a").Config;

        Assert.That(LocalModelDefinition.FromConfig(config, 7).CacheKey, Is.EqualTo(LocalModelDefinition.FromConfig(config with { }, 7).CacheKey));
        Assert.That(LocalModelDefinition.FromConfig(config, 7).CacheKey, Is.Not.EqualTo(LocalModelDefinition.FromConfig(config, 8).CacheKey));
        Assert.That(LocalModelDefinition.FromConfig(config, 7).CacheKey, Is.Not.EqualTo(LocalModelDefinition.FromConfig(config with { UseMoe = true }, 7).CacheKey));
    }

    [Test]
    public void A_models_memory_counts_a_full_context_passs_activations_logits_and_kv_cache_besides_its_parameters()
    {
        var model = Model("a");
        var memory = ModelMemory.Of(model.Config);

        Assert.That(model.ParameterBytes, Is.EqualTo(GptModel.CountParameters(model.Config) * sizeof(float)));
        Assert.That(model.MemoryBytes, Is.EqualTo(model.ParameterBytes + (memory.Activations + memory.Logits + memory.KvCache) * sizeof(float)));
        Assert.That(memory.Logits, Is.EqualTo(64 * 512));
    }
}
