using System.Text.Json.Nodes;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Inference;

/// <summary>Seed 001's model-cache management across the fixture's two TransformerWorker replicas.</summary>
public sealed class InferenceCacheTests
{
    private const string Key = "local:" + RunningPlatform.LocalModelName;
    private static HttpClient Gateway => PlatformFixture.Stack.Gateway;

    [TearDown]
    public async Task RestoreLimitsAsync() =>
        (await Gateway.SendAsync(HttpMethod.Put, "/inference/cache/config?max_cache_size=3&max_memory_gb=1")).AssertOk();

    [Test]
    public async Task Preload_remove_and_clear_reach_every_replica_and_the_stats_say_which_holds_what()
    {
        (await Gateway.SendAsync(HttpMethod.Post, "/inference/clear-cache")).AssertOk();
        await EventuallyAsync(models => models.Count == 0, "no replica holds a model");

        var preload = (await Gateway.SendAsync(HttpMethod.Post, "/inference/models/preload", new { engine = "local", model_name = RunningPlatform.LocalModelName }))
            .AssertOk();
        Assert.That(preload["model_key"]!.GetValue<string>(), Is.EqualTo(Key));
        var held = await EventuallyAsync(models => models.Count(model => model["key"]!.GetValue<string>() == Key) == RunningPlatform.WorkerReplicas,
            "both replicas hold the preloaded model");
        Assert.That(held.Select(model => model["replica"]!.GetValue<string>()).Distinct().Count(), Is.EqualTo(RunningPlatform.WorkerReplicas));
        Assert.That(held[0]["memory_mb"]!.GetValue<double>(), Is.GreaterThan(0));
        Assert.That(held[0]["access_count"]!.GetValue<long>(), Is.GreaterThanOrEqualTo(1));
        Assert.That(held[0]["load_time"], Is.Not.Null);
        Assert.That(held[0]["last_access"], Is.Not.Null);

        var stats = (await Gateway.ReadAsync("/inference/cache/stats")).AssertOk()["stats"]!;
        Assert.That(stats["replicas"]!.AsArray(), Has.Count.EqualTo(RunningPlatform.WorkerReplicas));
        Assert.That(stats["replicas"]!.AsArray().Select(replica => replica!["models"]!.AsArray().Select(key => key!.GetValue<string>())),
            Has.All.Contains(Key));
        Assert.That(stats["totals"]!["cached_models"]!.GetValue<int>(), Is.EqualTo(RunningPlatform.WorkerReplicas));

        var removed = (await Gateway.SendAsync(HttpMethod.Delete, $"/inference/cache/models/{Key}")).AssertOk();
        Assert.That(removed["message"]!.GetValue<string>(), Does.Contain(Key));
        await EventuallyAsync(models => models.Count == 0, "the model left every replica");
        var again = await Gateway.SendAsync(HttpMethod.Delete, $"/inference/cache/models/{Key}");
        Assert.That(again.Status, Is.EqualTo(200));
        Assert.That(again.Body["success"]!.GetValue<bool>(), Is.False, "as in the seed: 200 with success false when the model is not cached");

        (await Gateway.SendAsync(HttpMethod.Post, "/inference/models/preload", new { model_name = RunningPlatform.LocalModelName })).AssertOk();
        await EventuallyAsync(models => models.Count == RunningPlatform.WorkerReplicas, "both replicas loaded it again");
        var cleared = (await Gateway.SendAsync(HttpMethod.Post, "/inference/clear-cache")).AssertOk();
        Assert.That(cleared["cleared_models"]!.GetValue<int>(), Is.EqualTo(RunningPlatform.WorkerReplicas));
        await EventuallyAsync(models => models.Count == 0, "clear-cache emptied every replica");
    }

    [Test]
    public async Task New_limits_reach_every_replica()
    {
        var answer = (await Gateway.SendAsync(HttpMethod.Put, "/inference/cache/config?max_cache_size=5&max_memory_gb=2.5")).AssertOk();

        Assert.That(answer["updates"]!.AsArray().Select(update => update!.GetValue<string>()),
            Is.EqualTo(new[] { "max_cache_size updated to 5", "max_memory_gb updated to 2.5" }));
        Assert.That(answer["current_config"]!["max_cache_size"]!.GetValue<int>(), Is.EqualTo(5));
        Assert.That(answer["current_config"]!["max_memory_gb"]!.GetValue<double>(), Is.EqualTo(2.5));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        JsonArray replicas;
        do
        {
            replicas = (await Gateway.ReadAsync("/inference/cache/stats")).AssertOk()["stats"]!["replicas"]!.AsArray();
        }
        while (!replicas.All(replica => replica!["max_cache_size"]!.GetValue<int>() == 5) && DateTime.UtcNow < deadline && await Delay());

        Assert.That(replicas.Select(replica => replica!["max_cache_size"]!.GetValue<int>()), Is.EqualTo(new[] { 5, 5 }));
        Assert.That(replicas.Select(replica => replica!["max_memory_gb"]!.GetValue<double>()), Is.EqualTo(new[] { 2.5, 2.5 }));
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(200);
        return true;
    }

    /// <summary>Polls the cached models of every replica until <paramref name="condition"/> holds.</summary>
    private static async Task<List<JsonNode>> EventuallyAsync(Func<List<JsonNode>, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var models = (await Gateway.ReadAsync("/inference/cache/models")).AssertOk()["models"]!.AsArray().Select(model => model!).ToList();
            if (condition(models))
            {
                return models;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting until {what}: {string.Join(", ", models.Select(model => model.ToJsonString()))}");
            }

            await Delay();
        }
    }
}
