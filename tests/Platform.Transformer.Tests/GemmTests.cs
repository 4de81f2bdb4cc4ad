using Platform.Transformer.Kernels;

namespace Platform.Transformer.Tests;

public class GemmTests
{
    [TestCase(1, 1, 1, false, false)]
    [TestCase(13, 300, 45, true, false)]
    [TestCase(25, 7, 33, false, true)]
    [TestCase(100, 513, 70, true, true)]
    [TestCase(64, 64, 64, false, false)]
    [TestCase(160, 1600, 40, true, true)]  // more than one block of row micro-panels and more than one K chunk
    public void MatchesPlainLoops(int m, int k, int n, bool bias, bool accumulate)
    {
        var random = new Random(m * 31 + k);
        float[] Values(int count) => Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var a = Values(m * k);
        var b = Values(k * n);
        var biasValues = bias ? Values(n) : [];
        var initial = Values(m * n);

        foreach (bool parallel in new[] { false, true })
        {
            var c = (float[])initial.Clone();
            Gemm.Multiply(a, k, m, k, PackedMatrix.FromRowMajor(b, k, n), n, c, n, biasValues, accumulate, parallel);

            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++)
                {
                    double expected = (accumulate ? initial[i * n + j] : 0) + (bias ? biasValues[j] : 0);
                    for (int kk = 0; kk < k; kk++) expected += (double)a[i * k + kk] * b[kk * n + j];
                    Assert.That(c[i * n + j], Is.EqualTo(expected).Within(1e-4), $"C[{i}, {j}], parallel {parallel}");
                }
        }
    }

    [Test]
    public void UsesOnlyTheRequestedPrefixOfBAndLeavesOtherColumnsOfCAlone()
    {
        const int m = 3, k = 5, n = 40, usedK = 4, usedN = 17;
        var b = Enumerable.Range(0, k * n).Select(i => (float)(i % 7)).ToArray();
        var a = Enumerable.Range(0, m * k).Select(i => (float)(i % 3)).ToArray();
        var c = Enumerable.Repeat(-1f, m * n).ToArray();

        Gemm.Multiply(a, k, m, usedK, PackedMatrix.FromRowMajor(b, k, n), usedN, c, n);

        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double expected = j < usedN ? Enumerable.Range(0, usedK).Sum(kk => a[i * k + kk] * b[kk * n + j]) : -1;
                Assert.That(c[i * n + j], Is.EqualTo(expected));
            }
    }

    [Test]
    public void OperandsTooShortForTheProductAreRefusedBeforeAnyPointerIsUsed()
    {
        var b = PackedMatrix.FromRowMajor(new float[8 * 8], 8, 8);
        var a = new float[4 * 8];
        var c = new float[4 * 8];

        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Multiply(a, 8, 5, 8, b, 8, c, 8));            // A has 4 rows, not 5
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Multiply(a, 8, 4, 8, b, 8, new float[31], 8)); // C one float short
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Multiply(a, 8, 4, 8, b, 8, c, 7));            // C's stride narrower than a row
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Multiply(a, 7, 4, 8, b, 8, c, 8));            // A's stride narrower than K
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Multiply(a, 8, 4, 8, b, 8, c, 8, new float[7])); // bias shorter than N
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Multiply(a, 8, 4, 9, b, 8, c, 8));            // K beyond B's rows
        Assert.That(c, Is.All.Zero);
    }
}
