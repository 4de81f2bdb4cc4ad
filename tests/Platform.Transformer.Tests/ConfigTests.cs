using System.Text.Json;

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
    [TestCase("""{"vocab_size":1048577,"n_embed":8,"n_head":1,"n_layer":1,"context_size":4096}""", "vocab_size", "vocab_size (1048577) must be at most 262144")]
    [TestCase("""{"context_size":32769}""", "context_size", "context_size (32769) must be at most 32768")]
    [TestCase("""{"n_layer":129}""", "n_layer", "n_layer (129) must be at most 128")]
    [TestCase("""{"n_head":129,"n_embed":129}""", "n_head", "n_head (129) must be at most 128")]
    [TestCase("""{"n_embed":16400,"n_head":1}""", "n_embed", "n_embed (16400) must be at most 16384")]
    [TestCase("""{"ffn_hidden_multiplier":17}""", "ffn_hidden_multiplier", "ffn_hidden_multiplier (17) must be at most 16")]
    [TestCase("""{"moe_num_experts":257}""", "moe_num_experts", "moe_num_experts (257) must be at most 256")]
    [TestCase("""{"sparse_window":40000}""", "sparse_window", "sparse_window (40000) must be at most 32768")]
    [TestCase("""{"vocab_size":262144,"context_size":16384,"n_embed":8,"n_head":1,"n_layer":1}""", "vocab_size",
        "vocab_size × context_size logits would need 4,294,967,296 floats in one buffer")]
    [TestCase("""{"context_size":32768,"n_embed":16384,"n_head":128,"n_layer":1,"ffn_hidden_multiplier":4}""", "context_size",
        "context_size × ffn_hidden_multiplier · n_embed MLP activations would need 2,147,483,648 floats")]
    [TestCase("""{"n_embed":16384,"n_head":128,"ffn_hidden_multiplier":16,"context_size":64}""", "ffn_hidden_multiplier",
        "n_embed × ffn_hidden_multiplier · n_embed MLP weights would need 4,294,967,296 floats")]
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

    [Test]
    public void MemoryCountsActivationsLogitsAndTheKvCacheBesidesTheParameters()
    {
        var config = new TransformerConfig();   // GPT-2 124M: 1,024 positions, 50,304 ids, 12 layers of 768
        var memory = ModelMemory.Of(config);

        Assert.That(memory.Parameters, Is.EqualTo(124_475_904));
        Assert.That(memory.Logits, Is.EqualTo(1024L * 50304));
        Assert.That(memory.KvCache, Is.EqualTo(12L * 2 * 1024 * 768));          // head size 64: two panels of 32, no padding
        Assert.That(memory.Activations, Is.EqualTo(1024L * (6 * 768 + 2 * 3072) + 2 * 1024 * 768));
        Assert.That(memory.TotalBytes, Is.EqualTo(4 * (memory.Parameters + memory.Activations + memory.Logits + memory.KvCache)));
        Assert.That(memory.ParameterBytes, Is.EqualTo(4 * memory.Parameters));
    }

    [Test]
    public void TheIssuesOverflowingConfigWithinTheSizeBoundsStillCountsItsLogitsInLong()
    {
        // The issue's config with the largest vocabulary allowed: 4,096 positions of 262,144 logits overflow int.
        var config = new TransformerConfig { VocabSize = TransformerConfig.MaxVocabSize, NEmbed = 8, NHead = 1, NLayer = 1, ContextSize = 4096 };

        Assert.That(ModelMemory.Of(config).Logits, Is.EqualTo(4096L * 262_144));
        Assert.That(ModelMemory.Of(config).TotalBytes, Is.GreaterThan((long)int.MaxValue));
    }
}
