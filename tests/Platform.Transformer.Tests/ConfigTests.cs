using System.Text.Json;
using Platform.Transformer;

namespace Platform.Transformer.Tests;

public class ConfigTests
{
    /// <summary>The "config" object of seed 002's /initialize response.</summary>
    private const string SeedConfig = """
        {"vocab_size": 50304, "context_size": 1024, "n_layer": 12, "n_head": 12, "n_embed": 768, "dropout": 0.1, "bias": true,
         "ffn_hidden_multiplier": 4, "use_sparse_attention": false, "use_moe": false, "moe_num_experts": 8, "moe_top_k": 2,
         "moe_activation": "gelu", "moe_dropout": null, "device": "cpu"}
        """;

    [Test]
    public void DefaultsSerialiseToTheSeedConfigPlusTheSparsePatternFields()
    {
        using var expected = JsonDocument.Parse(SeedConfig);
        using var actual = JsonDocument.Parse(new TransformerConfig().ToJson());
        var actualFields = actual.RootElement.EnumerateObject().ToDictionary(field => field.Name, field => field.Value.GetRawText());

        foreach (var field in expected.RootElement.EnumerateObject())
            Assert.That(actualFields[field.Name], Is.EqualTo(field.Value.GetRawText()), field.Name);
        Assert.That(actualFields.Keys.Except(expected.RootElement.EnumerateObject().Select(field => field.Name)),
            Is.EquivalentTo(new[] { "sparse_window", "sparse_stride" }));
    }

    [Test]
    public void PartialJsonKeepsTheOtherDefaultsAndRoundTrips()
    {
        var config = TransformerConfig.FromJson("""{"n_layer":6,"use_sparse_attention":true,"use_moe":true,"moe_activation":"silu"}""");

        Assert.That(config, Is.EqualTo(new TransformerConfig { NLayer = 6, UseSparseAttention = true, UseMoe = true, MoeActivation = MoeActivation.Silu }));
        Assert.That(TransformerConfig.FromJson(config.ToJson()), Is.EqualTo(config));
    }

    [TestCase("""{"n_head":10}""", "n_embed", "n_embed (768) must be divisible by n_head (10)")]
    [TestCase("""{"moe_top_k":9}""", "moe_top_k", "moe_top_k (9) must be at most moe_num_experts (8)")]
    [TestCase("""{"vocab_size":0}""", "vocab_size", "vocab_size (0) must be positive")]
    [TestCase("""{"n_layer":-1}""", "n_layer", "n_layer (-1) must be positive")]
    [TestCase("""{"context_size":0}""", "context_size", "must be positive")]
    [TestCase("""{"dropout":1.5}""", "dropout", "dropout (1.5) must be in [0, 1)")]
    [TestCase("""{"moe_dropout":-0.1}""", "moe_dropout", "must be in [0, 1)")]
    [TestCase("""{"device":"cuda"}""", "device", "device \"cuda\" is not available")]
    [TestCase("""{"sparse_stride":0}""", "sparse_stride", "must be positive")]
    [TestCase("""{"moe_activation":"tanh"}""", "moe_activation", "invalid config JSON")]
    [TestCase("""{"n_layers":6}""", "n_layers", "n_layers")]
    public void InvalidConfigsNameTheField(string json, string field, string message)
    {
        var error = Assert.Throws<TransformerConfigException>(() => TransformerConfig.FromJson(json));

        Assert.That(error!.Field, Is.EqualTo(field));
        Assert.That(error.Message, Does.Contain(message));
    }

    [Test]
    public void ParameterCountIsTheTrueCountWithoutBuildingTheModel()
    {
        Assert.That(GptModel.CountParameters(new TransformerConfig()), Is.EqualTo(124_475_904));
        Assert.That(GptModel.CountParameters(new TransformerConfig { VocabSize = 50257 }), Is.EqualTo(124_439_808));
    }

    [Test]
    public void MoeParameterCountHasTheRouterAndEveryExpert()
    {
        var config = TestModels.Small() with { UseMoe = true, MoeNumExperts = 3 };
        long c = config.NEmbed, hidden = 4 * c, vocab = config.VocabSize, context = config.ContextSize;
        long expert = c * hidden + hidden + hidden * c + c;
        long block = 2 * 2 * c + (c * 3 * c + 3 * c) + (c * c + c) + c * 3 + 3 * expert;

        Assert.That(GptModel.CountParameters(config), Is.EqualTo(vocab * c + context * c + 2 * block + 2 * c));
        Assert.That(GptModel.Create(config, seed: 1).ParameterCount, Is.EqualTo(GptModel.CountParameters(config)));
    }
}
