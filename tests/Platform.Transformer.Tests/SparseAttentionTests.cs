namespace Platform.Transformer.Tests;

public class SparseAttentionTests
{
    private static readonly TransformerConfig Sparse = TestModels.Small() with { UseSparseAttention = true, SparseWindow = 5, SparseStride = 4 };

    [Test]
    public void SparseAttentionEqualsDenseAttentionWithThePatternMaskApplied()
    {
        var tensors = TestModels.RandomTensors(Sparse, seed: 11);
        var tokens = TestModels.RandomTokens(40, Sparse.VocabSize, seed: 12);
        var capture = new ForwardCapture { IncludeAttentionWeights = true };
        GptModel.FromTensors(Sparse, tensors).Forward(tokens, capture);
        var reference = new NaiveGpt(Sparse, tensors);
        var expected = reference.Forward(tokens).Attention;

        int t = tokens.Length, heads = Sparse.NHead;
        for (int layer = 0; layer < Sparse.NLayer; layer++)
        {
            var weights = capture.Layers[layer].Attention.AttnWeights!;
            Assert.That(capture.Layers[layer].Attention.AttnWeightsShape, Is.EqualTo(new[] { 1, heads, t, t }));
            for (int h = 0; h < heads; h++)
                for (int i = 0; i < t; i++)
                    for (int j = 0; j < t; j++)
                    {
                        float actual = weights[(h * t + i) * t + j];
                        Assert.That(actual, Is.EqualTo(expected[layer][h, i, j]).Within(1e-5), $"layer {layer} head {h} query {i} key {j}");
                        Assert.That(actual > 0, Is.EqualTo(reference.Allowed(i, j)), $"mask at query {i} key {j}");
                    }
        }
    }

    [Test]
    public void PatternIsTheLocalWindowPlusEveryStridethSummaryPosition()
    {
        var pattern = new SparsePattern(Window: 3, Stride: 4);
        var visible = Enumerable.Range(0, 14).Where(key => pattern.Allows(13, key));

        Assert.That(visible, Is.EqualTo(new[] { 3, 7, 11, 12, 13 }));
    }

    [Test]
    public void ABlockOfQueriesGathersOnlyItsWindowAndTheSummariesNotTheWholePrefix()
    {
        var pattern = new SparsePattern(Window: 128, Stride: 128);
        var keys = new int[pattern.MaxKeys(4000, 4047)];

        int count = pattern.SelectKeys(4000, 4047, keys);

        Assert.That(count, Is.EqualTo(keys.Length));
        Assert.That(count, Is.LessThan(128 + 48 + 4048 / 128 + 1));
        Assert.That(keys.Take(count), Is.Ordered.Ascending.And.Unique);
        Assert.That(Enumerable.Range(0, 4048).Where(key => Enumerable.Range(4000, 48).Any(query => pattern.Allows(query, key))),
            Is.SubsetOf(keys.Take(count)));
    }

    [Test]
    public void AWindowCoveringTheSequenceIsDenseAttention()
    {
        var dense = TestModels.Small();
        var tensors = TestModels.RandomTensors(dense, seed: 13);
        var tokens = TestModels.RandomTokens(30, dense.VocabSize, seed: 14);

        var sparseLogits = GptModel.FromTensors(dense with { UseSparseAttention = true, SparseWindow = 30, SparseStride = 7 }, tensors).Forward(tokens).Logits;
        var denseLogits = GptModel.FromTensors(dense, tensors).Forward(tokens).Logits;

        Assert.That(sparseLogits, Is.EqualTo(denseLogits).Within(1e-5));
    }
}
