using System.Text.Json;

namespace Platform.Transformer.Tests;

public class CaptureTests
{
    [Test]
    public void SerialisesToTheSeedCapturedDataShape()
    {
        var config = TestModels.Small() with { UseMoe = true, MoeNumExperts = 4 };
        var capture = new ForwardCapture();
        GptModel.Create(config, seed: 1).Forward(TestModels.RandomTokens(16, config.VocabSize, seed: 51), capture);

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(capture));
        var root = json.RootElement;

        Assert.That(root.EnumerateObject().Select(field => field.Name), Is.EqualTo(new[] { "embeddings", "layers", "performance" }));
        var tokenEmbeddings = root.GetProperty("embeddings").GetProperty("token_embeddings");
        Assert.That(tokenEmbeddings.GetProperty("shape").EnumerateArray().Select(size => size.GetInt32()), Is.EqualTo(new[] { 1, 16, 24 }));
        Assert.That(tokenEmbeddings.GetProperty("dtype").GetString(), Is.EqualTo("torch.float32"));
        Assert.That(root.GetProperty("embeddings").GetProperty("position_embeddings").GetProperty("shape").GetArrayLength(), Is.EqualTo(3));
        var layers = root.GetProperty("layers").EnumerateArray().ToArray();
        Assert.That(layers.Select(layer => layer.GetProperty("layer_idx").GetInt32()), Is.EqualTo(new[] { 0, 1 }));
        var first = layers[0];
        Assert.That(first.EnumerateObject().Select(field => field.Name), Is.EqualTo(new[] { "layer_idx", "attention", "moe" }));
        Assert.That(first.GetProperty("attention").EnumerateObject().Select(field => field.Name), Is.EqualTo(new[] { "attn_weights_shape" }));
        Assert.That(first.GetProperty("attention").GetProperty("attn_weights_shape").EnumerateArray().Select(size => size.GetInt32()),
            Is.EqualTo(new[] { 1, 3, 16, 16 }));
        var usage = first.GetProperty("moe").GetProperty("expert_usage").EnumerateArray().Select(value => value.GetDouble()).ToArray();
        Assert.That(usage, Has.Length.EqualTo(4));
        Assert.That(usage.Sum(), Is.EqualTo(1).Within(1e-12));
        Assert.That(first.GetProperty("moe").GetProperty("load_balance_loss").GetDouble(), Is.GreaterThanOrEqualTo(1).Within(1e-6));
        var performance = root.GetProperty("performance");
        Assert.That(performance.GetProperty("forward_time").GetDouble(), Is.Positive);
        Assert.That(performance.GetProperty("memory_usage").GetDouble(), Is.Positive);
    }

    [Test]
    public void DenseModelsHaveNoMoeEntryAndAttentionWeightsAreCausalProbabilities()
    {
        var config = TestModels.Small();
        var tensors = TestModels.RandomTensors(config, seed: 52);
        var tokens = TestModels.RandomTokens(12, config.VocabSize, seed: 53);
        var capture = new ForwardCapture { IncludeAttentionWeights = true };

        GptModel.FromTensors(config, tensors).Forward(tokens, capture);

        var expected = new NaiveGpt(config, tensors).Forward(tokens).Attention;
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(capture));
        Assert.That(json.RootElement.GetProperty("layers")[0].TryGetProperty("moe", out _), Is.False);
        var weights = capture.Layers[1].Attention.AttnWeights!;
        for (int h = 0; h < config.NHead; h++)
            for (int i = 0; i < tokens.Length; i++)
                for (int j = 0; j < tokens.Length; j++)
                    Assert.That(weights[(h * tokens.Length + i) * tokens.Length + j], Is.EqualTo(expected[1][h, i, j]).Within(1e-5));
    }
}
