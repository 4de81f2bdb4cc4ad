using System.Diagnostics;
using System.Globalization;
using System.Runtime.Intrinsics.X86;
using Platform.Transformer;
using Platform.Transformer.Kernels;

// Forward latency of the default 124M GPT-2 config and KV-cache generation speed. Figures, not a pass/fail test.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
using var process = Process.GetCurrentProcess();
string hostBefore = HostProbe.Describe();
var config = new TransformerConfig();
var create = Stopwatch.StartNew();
using var gang = new WorkerGang(WorkerGang.MaxThreads);
var model = GptModel.Create(config, seed: 1337, gang);
create.Stop();
Console.WriteLine($"GPT-2 {model.ParameterCount:N0} parameters, built in {create.Elapsed.TotalSeconds:F1} s; " +
    $"{Environment.ProcessorCount} cores, AVX-512 {(Avx512F.IsSupported ? "yes" : "no")}, .NET {Environment.Version}; load average {MachineLoad.Average()}");
Console.WriteLine(hostBefore);

// Let tiered JIT finish (the TensorPrimitives kernels start as generic ReadyToRun code) before timing anything.
var warmUp = Stopwatch.StartNew();
var warmTokens = Enumerable.Range(0, 16).ToArray();
var warmLogits = new float[warmTokens.Length * config.VocabSize];
while (warmUp.Elapsed.TotalSeconds < 5) model.Forward(warmTokens, warmLogits);
if (PhaseProfile.Enabled)
{
    foreach (int length in new[] { 16, 128, 1024 }) PhaseProfile.Run(model, length);
    return;
}

Console.WriteLine();
Console.WriteLine("forward (full logits, batch 1)");
// "stolen": the share of the cores' time the host gave its other guests meanwhile; figures taken then are slower than the machine can do.
Console.WriteLine($"{"T",6} {"runs",5} {"median ms",10} {"min ms",9} {"CPU ms",8} {"GFLOP/s",8} {"peak MB",8} {"stolen",7}");
foreach (var (length, runs) in new[] { (16, 21), (128, 11), (1024, 5) })
{
    var tokens = Enumerable.Range(0, length).Select(i => (i * 7919) % config.VocabSize).ToArray();
    var logits = new float[length * config.VocabSize];
    model.Forward(tokens, logits);
    var times = new double[runs];
    process.Refresh();
    var cpuBefore = process.TotalProcessorTime;
    var stolenBefore = MachineLoad.StolenTime();
    var started = Stopwatch.GetTimestamp();
    for (int run = 0; run < runs; run++)
    {
        var stopwatch = Stopwatch.StartNew();
        model.Forward(tokens, logits);
        times[run] = stopwatch.Elapsed.TotalMilliseconds;
    }
    process.Refresh();
    double cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / runs;
    double stolen = (MachineLoad.StolenTime() - stolenBefore) / (Stopwatch.GetElapsedTime(started) * Environment.ProcessorCount);
    Array.Sort(times);
    double median = times[runs / 2];
    double gflops = ForwardFlops(config, length) / (median / 1000) / 1e9;
    Console.WriteLine($"{length,6} {runs,5} {median,10:F1} {times[0],9:F1} {cpu,8:F1} {gflops,8:F1} {process.PeakWorkingSet64 / (1024.0 * 1024.0),8:F0} {stolen,7:P0}");
}

Console.WriteLine();
const int promptLength = 16, newTokens = 128;
var generator = new Generator(model, Gpt2Tokenizer.ByteLevel());
var prompt = Enumerable.Range(0, promptLength).Select(i => (i * 104729) % config.VocabSize).ToArray();
var options = new GenerationOptions { Temperature = 0, MaxNewTokens = newTokens };
generator.Generate(prompt, options with { MaxNewTokens = 32 });              // warm-up
var generation = Stopwatch.StartNew();
double firstToken = 0;
int generated = 0;
foreach (var _ in generator.Stream(prompt, options))
{
    if (generated++ == 0) firstToken = generation.Elapsed.TotalMilliseconds;
}
double total = generation.Elapsed.TotalSeconds;
Console.WriteLine($"generation, greedy, KV cache: {promptLength}-token prompt + {generated} new tokens");
process.Refresh();
Console.WriteLine($"  prompt + first token {firstToken:F1} ms, then {(generated - 1) / (total - firstToken / 1000):F1} tokens/s; " +
    $"overall {generated / total:F1} tokens/s; peak {process.PeakWorkingSet64 / (1024.0 * 1024.0):F0} MB");
Console.WriteLine($"load average {MachineLoad.Average()}");
Console.WriteLine(HostProbe.Describe());

// Multiply-adds × 2 of every matrix product, with causal attention counting only the visible keys.
static double ForwardFlops(TransformerConfig config, int t)
{
    double c = config.NEmbed, hidden = config.HiddenSize;
    double linear = 2.0 * t * (c * 3 * c + c * c + 2 * c * hidden);
    double attention = 2.0 * 2 * c * t * (t + 1) / 2;
    return config.NLayer * (linear + attention) + 2.0 * t * c * config.VocabSize;
}
