namespace Platform.Transformer.Tests;

public class ForwardTests
{
    private const double Tolerance = 1e-4;

    private static IEnumerable<TestCaseData> Configs()
    {
        var small = TestModels.Small();
        yield return new TestCaseData(small, 30).SetName("dense with bias");
        yield return new TestCaseData(TestModels.Small(bias: false), 30).SetName("dense without bias");
        yield return new TestCaseData(small with { UseMoe = true, MoeNumExperts = 4, MoeTopK = 2 }, 30).SetName("MoE gelu top-2 of 4");
        yield return new TestCaseData(small with { UseMoe = true, MoeNumExperts = 3, MoeTopK = 1, MoeActivation = MoeActivation.Relu }, 30)
            .SetName("MoE relu top-1 of 3");
        yield return new TestCaseData(TestModels.Small(bias: false) with { UseMoe = true, MoeNumExperts = 4, MoeTopK = 3, MoeActivation = MoeActivation.Silu }, 30)
            .SetName("MoE silu top-3 of 4 without bias");
        yield return new TestCaseData(small with { UseSparseAttention = true, SparseWindow = 4, SparseStride = 5 }, 30).SetName("sparse window 4 stride 5");
        yield return new TestCaseData(small with { UseSparseAttention = true, SparseWindow = 3, SparseStride = 4, UseMoe = true, MoeNumExperts = 4 }, 30)
            .SetName("sparse and MoE");
        // Several query blocks per head, more rows than one GEMM tile, head size 12.
        var wider = small with { VocabSize = 130, ContextSize = 128, NHead = 4, NEmbed = 48, FfnHiddenMultiplier = 3 };
        yield return new TestCaseData(wider, 100).SetName("dense, 100 tokens");
        yield return new TestCaseData(wider with { UseSparseAttention = true, SparseWindow = 20, SparseStride = 16 }, 100).SetName("sparse, 100 tokens");
    }

    [TestCaseSource(nameof(Configs))]
    public void LogitsMatchTheNaiveDoublePrecisionReference(TransformerConfig config, int length)
    {
        var tensors = TestModels.RandomTensors(config, seed: 1);
        var tokens = TestModels.RandomTokens(length, config.VocabSize, seed: 2);
        var model = GptModel.FromTensors(config, tensors);

        var result = model.Forward(tokens);
        var expected = new NaiveGpt(config, tensors).Forward(tokens);

        Assert.That(TestModels.RelativeError(result.Logits, expected.Logits), Is.LessThan(Tolerance));
        Assert.That(result.Moe, Has.Count.EqualTo(config.UseMoe ? config.NLayer : 0));
        for (int layer = 0; layer < result.Moe.Count; layer++)
        {
            Assert.That(result.Moe[layer].ExpertUsage, Is.EqualTo(expected.Moe[layer].Usage).Within(1e-12));
            Assert.That(result.Moe[layer].LoadBalanceLoss, Is.EqualTo(expected.Moe[layer].Loss).Within(1e-5));
        }
    }

    [Test]
    public void SeededModelMatchesTheReferenceOnItsInitialTensors()
    {
        var config = TestModels.Small();
        var tokens = TestModels.RandomTokens(20, config.VocabSize, seed: 3);
        var tensors = GptModel.InitialTensors(config, seed: 42).ToDictionary();

        var logits = GptModel.Create(config, seed: 42).Forward(tokens).Logits;

        Assert.That(logits, Is.EqualTo(GptModel.FromTensors(config, tensors).Forward(tokens).Logits));
        Assert.That(TestModels.RelativeError(logits, new NaiveGpt(config, tensors).Forward(tokens).Logits), Is.LessThan(Tolerance));
    }

    [Test]
    public void SeededInitialisationIsReproducibleAndFollowsNanoGpt()
    {
        var config = TestModels.Small() with { NLayer = 8 };
        var first = GptModel.InitialTensors(config, seed: 7).ToDictionary();
        var again = GptModel.InitialTensors(config, seed: 7).ToDictionary();
        var other = GptModel.InitialTensors(config, seed: 8).ToDictionary();

        Assert.That(again["h.1.attn.c_attn.weight"], Is.EqualTo(first["h.1.attn.c_attn.weight"]));
        Assert.That(other["h.1.attn.c_attn.weight"], Is.Not.EqualTo(first["h.1.attn.c_attn.weight"]));
        // Pinned values: the generator is platform-independent, so these hold on every machine.
        Assert.That(first["wte.weight"].Take(2).Append(first["h.1.mlp.c_fc.weight"][2000]), Is.EqualTo(new[] { -0.02184229f, 0.0101868445f, -0.0046814866f }));
        Assert.That(Std(first["wte.weight"]), Is.EqualTo(0.02).Within(0.001));
        Assert.That(Std(first["h.0.mlp.c_proj.weight"]), Is.EqualTo(0.02 / Math.Sqrt(2 * 8)).Within(0.0005));
        Assert.That(first["h.0.ln_1.weight"], Is.All.EqualTo(1f));
        Assert.That(first["h.0.attn.c_attn.bias"], Is.All.EqualTo(0f));
    }

    [Test]
    public void IncrementalForwardWithTheKvCacheMatchesOneFullForward()
    {
        var config = TestModels.Small() with { UseSparseAttention = true, SparseWindow = 6, SparseStride = 4 };
        var model = GptModel.FromTensors(config, TestModels.RandomTensors(config, seed: 4));
        var tokens = TestModels.RandomTokens(25, config.VocabSize, seed: 5);
        var full = model.Forward(tokens).Logits;

        var cache = model.CreateKvCache();
        var pieces = new[] { (0, 7), (7, 1), (8, 17) };
        var incremental = new float[full.Length];
        foreach (var (start, count) in pieces)
            model.Forward(tokens.AsSpan(start, count), incremental.AsSpan(start * config.VocabSize, count * config.VocabSize), cache);

        Assert.That(cache.Length, Is.EqualTo(tokens.Length));
        Assert.That(incremental, Is.EqualTo(full).Within(1e-5));
    }

    [Test]
    public void LastPositionLogitsEqualTheLastRowOfAllLogits()
    {
        var config = TestModels.Small();
        var model = GptModel.FromTensors(config, TestModels.RandomTensors(config, seed: 6));
        var tokens = TestModels.RandomTokens(9, config.VocabSize, seed: 7);
        var last = new float[config.VocabSize];

        model.Forward(tokens, last);

        Assert.That(last, Is.EqualTo(model.Forward(tokens).Row(8).ToArray()).Within(1e-5));
    }

    [Test]
    public void InvalidInputsAreRejectedWithTheReason()
    {
        var config = TestModels.Small();
        var model = GptModel.Create(config, seed: 1);

        Assert.That(() => model.Forward(new int[config.ContextSize + 1]),
            Throws.ArgumentException.With.Message.Contains("sequence length 65 exceeds the model's context size 64"));
        Assert.That(() => model.Forward([1, config.VocabSize]), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("[0, 61)"));
        Assert.That(() => model.Forward([]), Throws.ArgumentException);
    }

    private static double Std(float[] values)
    {
        double mean = values.Average(v => (double)v);
        return Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
    }
}
