using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Platform.IntegrationTests.Transformer.TransformerCalls;

namespace Platform.IntegrationTests.Transformer;

/// <summary>
/// A model is its config and seed: every replica builds the same weights and so computes the same numbers,
/// and an `/initialize` on any replica makes its model current on all of them.
/// </summary>
public sealed class ReplicaTests
{
    /// <summary>How long another replica may take to hear an initialization and load its model.</summary>
    private static readonly TimeSpan FollowTimeout = TimeSpan.FromSeconds(30);

    private static List<HttpClient> Replicas() => [.. PlatformFixture.Stack.TransformerWorkerUrls.Select(Replica)];

    [Test]
    public async Task Two_replicas_initialized_with_the_same_config_compute_identical_outputs()
    {
        var replicas = Replicas();
        try
        {
            const string text = "Transformer架构改变了NLP领域";
            var captured = new List<string>();
            var sampled = new List<string>();
            foreach (var replica in replicas)
            {
                await replica.InitializeOkAsync(SmallMoeConfig);
                captured.Add(await CapturedMoeAsync(replica, text));
                sampled.Add(await SampleAsync(replica));
            }

            Assert.That(replicas, Has.Count.EqualTo(2));
            Assert.That(captured[1], Is.EqualTo(captured[0]), "expert usage and load-balancing losses, to the last bit");
            Assert.That(sampled[1], Is.EqualTo(sampled[0]), "seeded sampling draws from the logits' probabilities");
            Assert.That(captured[0], Does.Contain("load_balance_loss"));
        }
        finally
        {
            replicas.ForEach(replica => replica.Dispose());
        }
    }

    [Test]
    public async Task A_different_config_computes_different_outputs()
    {
        using var replica = Replica(PlatformFixture.Stack.TransformerWorkerUrls[0]);
        await replica.InitializeOkAsync(SmallMoeConfig);
        var first = await CapturedMoeAsync(replica, "abc");
        await replica.InitializeOkAsync(SmallMoeConfig.Replace("\"n_head\": 4", "\"n_head\": 2", StringComparison.Ordinal));
        var second = await CapturedMoeAsync(replica, "abc");

        Assert.That(second, Is.Not.EqualTo(first));
    }

    [Test]
    public async Task An_initialize_on_one_replica_makes_the_other_answer_with_the_same_model()
    {
        var replicas = Replicas();
        using var replicaA = replicas[0];
        using var replicaB = replicas[1];
        // Used by no other test, so that replica B cannot have it from before.
        var config = SmallMoeConfig.Replace("\"vocab_size\": 512", "\"vocab_size\": 333", StringComparison.Ordinal);
        var before = await replicaB.GetJsonAsync("/api/v1/status");

        var initialized = await replicaA.InitializeOkAsync(config);
        await WaitForModelAsync(replicaB, initialized["config"]!);

        const string text = "负载均衡器后面的任何副本";
        var (_, forwardOnB) = await replicaB.ForwardAsync(new { text, capture_data = true });
        var (_, forwardOnA) = await replicaA.ForwardAsync(new { text, capture_data = true });
        Assert.That(JsonNode.DeepEquals(before["config"], initialized["config"]), Is.False);
        Assert.That(forwardOnB["success"]!.GetValue<bool>(), Is.True, forwardOnB.ToJsonString());
        Assert.That(forwardOnB["logits_shape"]!.ToJsonString(), Is.EqualTo(forwardOnA["logits_shape"]!.ToJsonString()));
        Assert.That(forwardOnB["logits_shape"]![2]!.GetValue<int>(), Is.EqualTo(333));
        Assert.That(MoeOf(forwardOnB), Is.EqualTo(MoeOf(forwardOnA)), "the same weights: the same expert usage to the last bit");
    }

    [Test]
    public async Task An_initialize_through_the_gateway_reaches_the_replica_it_does_not_forward_to()
    {
        using var replicaB = Replica(PlatformFixture.Stack.TransformerWorkerUrls[1]);
        var config = SmallMoeConfig.Replace("\"n_layer\": 2", "\"n_layer\": 3", StringComparison.Ordinal); // used by no other test
        var before = await replicaB.GetJsonAsync("/api/v1/status");

        var initialized = await PlatformFixture.Stack.Gateway.InitializeOkAsync(config);
        await WaitForModelAsync(replicaB, initialized["config"]!);

        const string text = "经由网关初始化";
        var (_, throughGateway) = await PlatformFixture.Stack.Gateway.ForwardAsync(new { text, capture_data = true });
        var (_, onB) = await replicaB.ForwardAsync(new { text, capture_data = true });
        Assert.That(JsonNode.DeepEquals(before["config"], initialized["config"]), Is.False);
        Assert.That(onB["logits_shape"]!.ToJsonString(), Is.EqualTo(throughGateway["logits_shape"]!.ToJsonString()));
        Assert.That(onB["captured_data"]!["layers"]!.AsArray(), Has.Count.EqualTo(3));
        Assert.That(MoeOf(onB), Is.EqualTo(MoeOf(throughGateway)));
    }

    /// <summary>The other replica hears of an initialization asynchronously; its status shows the config once it has the model.</summary>
    private static async Task WaitForModelAsync(HttpClient replica, JsonNode config)
    {
        var deadline = DateTime.UtcNow + FollowTimeout;
        JsonNode? current;
        while (!JsonNode.DeepEquals(current = (await replica.GetJsonAsync("/api/v1/status"))["config"], config))
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The replica at {replica.BaseAddress} still has config {current?.ToJsonString()} after {FollowTimeout}");
            }

            await Task.Delay(100);
        }
    }

    private static async Task<string> CapturedMoeAsync(HttpClient replica, string text)
    {
        var (_, forward) = await replica.ForwardAsync(new { text, capture_data = true });
        return MoeOf(forward);
    }

    /// <summary>The router's probabilities come from the hidden states, and these from every weight and logit before them.</summary>
    private static string MoeOf(JsonNode forward) =>
        string.Concat(forward["captured_data"]!["layers"]!.AsArray().Select(layer => layer!["moe"]!.ToJsonString()));

    /// <summary>32 tokens sampled at temperature 1 with a fixed seed from the replica's named local model.</summary>
    private static async Task<string> SampleAsync(HttpClient replica)
    {
        using var response = await replica.PostAsJsonAsync("/v1/completions", new
        {
            model = Infrastructure.RunningPlatform.LocalModelName,
            prompt = "深度学习",
            max_tokens = 32,
            temperature = 1.0,
            seed = 42,
        });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.That(response.IsSuccessStatusCode, Is.True, body.ToJsonString());
        Assert.That(body["usage"]!["completion_tokens"]!.GetValue<int>(), Is.EqualTo(32));
        return body["choices"]![0]!["text"]!.GetValue<string>();
    }
}
