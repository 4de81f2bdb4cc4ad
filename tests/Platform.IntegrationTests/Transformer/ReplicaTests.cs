using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Platform.IntegrationTests.Transformer;

/// <summary>A model is its config and seed: every replica builds the same weights and so computes the same numbers.</summary>
public sealed class ReplicaTests
{
    private static List<HttpClient> Replicas() => PlatformFixture.Stack.TransformerWorkerUrls
        .Select(url => new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) })
        .ToList();

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
                await replica.InitializeOkAsync(TransformerCalls.SmallMoeConfig);
                var (_, forward) = await replica.ForwardAsync(new { text, capture_data = true });
                // The router's probabilities come from the hidden states, and these from every weight and logit before them.
                captured.Add(forward["captured_data"]!["layers"]!.AsArray().Select(layer => layer!["moe"]!.ToJsonString()).Aggregate(string.Concat));
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
        var replica = Replicas()[0];
        using (replica)
        {
            await replica.InitializeOkAsync(TransformerCalls.SmallMoeConfig);
            var (_, first) = await replica.ForwardAsync(new { text = "abc", capture_data = true });
            await replica.InitializeOkAsync(TransformerCalls.SmallMoeConfig.Replace("\"n_head\": 4", "\"n_head\": 2", StringComparison.Ordinal));
            var (_, second) = await replica.ForwardAsync(new { text = "abc", capture_data = true });

            Assert.That(second["captured_data"]!["layers"]!.ToJsonString(), Is.Not.EqualTo(first["captured_data"]!["layers"]!.ToJsonString()));
        }
    }

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
