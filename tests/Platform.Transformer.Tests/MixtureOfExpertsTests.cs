using Platform.Transformer.Weights;

namespace Platform.Transformer.Tests;

public class MixtureOfExpertsTests
{
    /// <summary>
    /// One block whose attention adds nothing and whose ln_2 outputs the constant (1, 0, 0, 0), so every token's
    /// router logits are (ln 4, ln 2, 0, 0): probabilities (1/2, 1/4, 1/8, 1/8), experts 0 and 1 chosen with
    /// weights 2/3 and 1/3. Each expert outputs its c_proj bias: 3·e0 and 3·e1, so x = (2, 1, 0, 0).
    /// </summary>
    [Test]
    public void RoutingUsageAndLossOnAHandComputedCase()
    {
        var config = new TransformerConfig
        {
            VocabSize = 4, ContextSize = 4, NLayer = 1, NHead = 1, NEmbed = 4, FfnHiddenMultiplier = 1,
            UseMoe = true, MoeNumExperts = 4, MoeTopK = 2, MoeActivation = MoeActivation.Relu,
        };
        var tensors = TensorSpec.ForModel(config).ToDictionary(spec => spec.Name, spec => new float[spec.ElementCount]);
        for (int i = 0; i < 4; i++) tensors["wte.weight"][i * 4 + i] = 1;                 // identity: the head reads x's coordinates
        for (int p = 0; p < 4; p++) tensors["wpe.weight"][p * 4] = -1;                     // cancels token 0's embedding: x starts at 0
        tensors["h.0.ln_2.bias"][0] = 1;                                                  // ln_2 weight 0: output (1, 0, 0, 0)
        tensors["h.0.mlp.router.weight"][0] = MathF.Log(4);                               // router row of input 0
        tensors["h.0.mlp.router.weight"][1] = MathF.Log(2);
        tensors["h.0.mlp.experts.0.c_proj.bias"][0] = 3;
        tensors["h.0.mlp.experts.1.c_proj.bias"][1] = 3;
        tensors["h.0.mlp.experts.2.c_proj.bias"][3] = 3;
        tensors["h.0.mlp.experts.3.c_proj.bias"][3] = 3;
        Array.Fill(tensors["ln_f.weight"], 1f);

        var result = GptModel.FromTensors(config, tensors).Forward([0, 0, 0]);

        var stats = result.Moe.Single();
        Assert.That(stats.ExpertUsage, Is.EqualTo(new[] { 0.5, 0.5, 0, 0 }));
        Assert.That(stats.LoadBalanceLoss, Is.EqualTo(4 * (0.5 * 0.5 + 0.5 * 0.25)).Within(1e-6));
        double std = Math.Sqrt(0.6875 + 1e-5);                                             // x = (2, 1, 0, 0): mean 0.75, variance 0.6875
        for (int row = 0; row < 3; row++)
            Assert.That(result.Row(row).ToArray(), Is.EqualTo(new[] { 1.25 / std, 0.25 / std, -0.75 / std, -0.75 / std }).Within(1e-5));
    }

    [Test]
    public void UniformRoutingHasLossOneAndUsageSumsToOne()
    {
        var config = TestModels.Small() with { UseMoe = true, MoeNumExperts = 4, MoeTopK = 2 };
        var tensors = TestModels.RandomTensors(config, seed: 21);
        for (int layer = 0; layer < config.NLayer; layer++) Array.Clear(tensors[$"h.{layer}.mlp.router.weight"]);

        var moe = GptModel.FromTensors(config, tensors).Forward(TestModels.RandomTokens(16, config.VocabSize, seed: 22)).Moe;

        Assert.That(moe.Select(layer => layer.LoadBalanceLoss), Is.All.EqualTo(1.0).Within(1e-6));
        // Equal probabilities: ties go to the lowest indices, experts 0 and 1.
        Assert.That(moe.Select(layer => layer.ExpertUsage), Is.All.EqualTo(new[] { 0.5, 0.5, 0, 0 }));
    }
}
