using System.Diagnostics;
using Platform.Transformer;
using Platform.Transformer.Kernels;

/// <summary>
/// TRANSFORMER_BENCH_PROFILE=1: each matrix product of a forward pass timed alone on the same shapes, and the
/// rest (attention, LayerNorm, GELU, embedding) as the forward pass's time minus their sum.
/// </summary>
internal static class PhaseProfile
{
    public static bool Enabled => Environment.GetEnvironmentVariable("TRANSFORMER_BENCH_PROFILE") == "1";

    public static void Run(GptModel model, int length)
    {
        var config = model.Config;
        int c = config.NEmbed, hidden = config.HiddenSize, layers = config.NLayer;
        (string Name, int K, int N, int Count)[] products =
        [
            ("c_attn", c, 3 * c, layers), ("attn.c_proj", c, c, layers),
            ("mlp.c_fc", c, hidden, layers), ("mlp.c_proj", hidden, c, layers), ("lm_head", c, config.VocabSize, 1),
        ];
        var random = new Random(1);
        Console.WriteLine($"T = {length}: product, ms per call (min of 5), GFLOP/s, ms per forward, GFLOP/s of one core by CPU time");
        double sum = 0, oneCoreSum = 0;
        foreach (var (name, k, n, count) in products)
        {
            var a = Enumerable.Range(0, length * k).Select(_ => random.NextSingle() - 0.5f).ToArray();
            var b = PackedMatrix.FromRowMajor(Enumerable.Range(0, k * n).Select(_ => random.NextSingle() - 0.5f).ToArray(), k, n);
            var output = new float[length * n];
            double best = MinMilliseconds(5, () => Gemm.Multiply(a, k, length, k, b, n, output, n));
            // One core's CPU time: the kernel's own speed, which other processes on the machine barely change.
            double oneCore = MinCpuMilliseconds(5, () => Gemm.Multiply(a, k, length, k, b, n, output, n, parallel: false));
            sum += best * count;
            oneCoreSum += oneCore * count;
            Console.WriteLine($"  {name,-12} {best,8:F2} {2.0 * length * k * n / best / 1e6,8:F1} {best * count,8:F1} {2.0 * length * k * n / oneCore / 1e6,8:F1}");
        }
        var tokens = Enumerable.Range(0, length).Select(i => (i * 7919) % config.VocabSize).ToArray();
        var logits = new float[length * config.VocabSize];
        double forward = MinMilliseconds(3, () => model.Forward(tokens, logits));
        double forwardCpu = MinCpuMilliseconds(3, () => model.Forward(tokens, logits));
        Console.WriteLine($"  forward {forward:F1} ms = products {sum:F1} + rest {forward - sum:F1}");
        Console.WriteLine($"  forward CPU {forwardCpu:F1} ms; the products take {oneCoreSum:F1} ms of CPU on one core");
    }

    private static double MinCpuMilliseconds(int runs, Action action)
    {
        using var process = Process.GetCurrentProcess();
        action();
        double best = double.MaxValue;
        for (int run = 0; run < runs; run++)
        {
            process.Refresh();
            var before = process.TotalProcessorTime;
            action();
            process.Refresh();
            best = Math.Min(best, (process.TotalProcessorTime - before).TotalMilliseconds);
        }
        return best;
    }

    private static double MinMilliseconds(int runs, Action action)
    {
        action();
        double best = double.MaxValue;
        for (int run = 0; run < runs; run++)
        {
            var stopwatch = Stopwatch.StartNew();
            action();
            best = Math.Min(best, stopwatch.Elapsed.TotalMilliseconds);
        }
        return best;
    }
}
