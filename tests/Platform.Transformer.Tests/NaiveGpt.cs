namespace Platform.Transformer.Tests;

/// <summary>
/// An independent GPT-2 written from the paper-level definition with plain loops in double precision, reading
/// the checkpoint-layout tensors (Conv1D weights (in, out)) directly. Slow and obvious on purpose.
/// </summary>
internal sealed class NaiveGpt(TransformerConfig config, IReadOnlyDictionary<string, float[]> tensors)
{
    public sealed record MoeOutput(double[] Usage, double Loss);

    public sealed record Output(double[,] Logits, List<double[,,]> Attention, List<MoeOutput> Moe);

    public bool Allowed(int query, int key) =>
        key <= query && (!config.UseSparseAttention || query - key < config.SparseWindow || (key + 1) % config.SparseStride == 0);

    public Output Forward(int[] tokens)
    {
        int t = tokens.Length, c = config.NEmbed;
        var x = new double[t, c];
        for (int i = 0; i < t; i++)
            for (int j = 0; j < c; j++)
                x[i, j] = W("wte.weight")[tokens[i] * c + j] + W("wpe.weight")[i * c + j];

        var attention = new List<double[,,]>();
        var moe = new List<MoeOutput>();
        for (int layer = 0; layer < config.NLayer; layer++)
        {
            string h = $"h.{layer}";
            var (attended, probabilities) = Attention(LayerNorm(x, $"{h}.ln_1"), $"{h}.attn");
            Add(x, attended);
            attention.Add(probabilities);
            var normed = LayerNorm(x, $"{h}.ln_2");
            if (config.UseMoe)
            {
                var (output, stats) = MixtureOfExperts(normed, $"{h}.mlp");
                Add(x, output);
                moe.Add(stats);
            }
            else
            {
                Add(x, Mlp(normed, $"{h}.mlp", MoeActivation.Gelu));
            }
        }

        var final = LayerNorm(x, "ln_f");
        var logits = new double[t, config.VocabSize];
        for (int i = 0; i < t; i++)
            for (int v = 0; v < config.VocabSize; v++)
                for (int j = 0; j < c; j++)
                    logits[i, v] += final[i, j] * W("wte.weight")[v * c + j];
        return new Output(logits, attention, moe);
    }

    private float[] W(string name) => tensors[name];

    private float? Bias(string name, int index) => config.Bias ? W(name)[index] : null;

    private double[,] LayerNorm(double[,] x, string name)
    {
        int rows = x.GetLength(0), c = x.GetLength(1);
        var y = new double[rows, c];
        for (int i = 0; i < rows; i++)
        {
            double mean = 0, variance = 0;
            for (int j = 0; j < c; j++) mean += x[i, j] / c;
            for (int j = 0; j < c; j++) variance += (x[i, j] - mean) * (x[i, j] - mean) / c;
            for (int j = 0; j < c; j++)
                y[i, j] = (x[i, j] - mean) / Math.Sqrt(variance + 1e-5) * W($"{name}.weight")[j] + (Bias($"{name}.bias", j) ?? 0);
        }
        return y;
    }

    private double[,] Linear(double[,] x, string name, bool bias = true)
    {
        int rows = x.GetLength(0), inputs = x.GetLength(1);
        int outputs = W($"{name}.weight").Length / inputs;
        var y = new double[rows, outputs];
        for (int i = 0; i < rows; i++)
            for (int o = 0; o < outputs; o++)
            {
                double sum = bias ? Bias($"{name}.bias", o) ?? 0 : 0;
                for (int k = 0; k < inputs; k++) sum += x[i, k] * W($"{name}.weight")[k * outputs + o];
                y[i, o] = sum;
            }
        return y;
    }

    private (double[,] Output, double[,,] Probabilities) Attention(double[,] x, string name)
    {
        int t = x.GetLength(0), c = config.NEmbed, heads = config.NHead, size = c / heads;
        var qkv = Linear(x, $"{name}.c_attn");
        var y = new double[t, c];
        var probabilities = new double[heads, t, t];
        for (int h = 0; h < heads; h++)
            for (int i = 0; i < t; i++)
            {
                var scores = new double[t];
                double max = double.NegativeInfinity;
                for (int j = 0; j <= i; j++)
                {
                    if (!Allowed(i, j)) continue;
                    double dot = 0;
                    for (int d = 0; d < size; d++) dot += qkv[i, h * size + d] * qkv[j, c + h * size + d];
                    scores[j] = dot / Math.Sqrt(size);
                    max = Math.Max(max, scores[j]);
                }
                double total = 0;
                for (int j = 0; j <= i; j++)
                    if (Allowed(i, j)) total += Math.Exp(scores[j] - max);
                for (int j = 0; j <= i; j++)
                {
                    if (!Allowed(i, j)) continue;
                    double p = Math.Exp(scores[j] - max) / total;
                    probabilities[h, i, j] = p;
                    for (int d = 0; d < size; d++) y[i, h * size + d] += p * qkv[j, 2 * c + h * size + d];
                }
            }
        return (Linear(y, $"{name}.c_proj"), probabilities);
    }

    private double[,] Mlp(double[,] x, string name, MoeActivation activation)
    {
        var hidden = Linear(x, $"{name}.c_fc");
        for (int i = 0; i < hidden.GetLength(0); i++)
            for (int j = 0; j < hidden.GetLength(1); j++)
                hidden[i, j] = Activate(activation, hidden[i, j]);
        return Linear(hidden, $"{name}.c_proj");
    }

    public static double Activate(MoeActivation activation, double v) => activation switch
    {
        MoeActivation.Gelu => 0.5 * v * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v))),
        MoeActivation.Relu => Math.Max(0, v),
        MoeActivation.Silu => v / (1 + Math.Exp(-v)),
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };

    private (double[,] Output, MoeOutput Stats) MixtureOfExperts(double[,] x, string name)
    {
        int t = x.GetLength(0), c = x.GetLength(1), experts = config.MoeNumExperts, k = config.MoeTopK;
        var logits = Linear(x, $"{name}.router", bias: false);
        var output = new double[t, c];
        var counts = new double[experts];
        var meanProbability = new double[experts];
        for (int i = 0; i < t; i++)
        {
            var p = new double[experts];
            double max = Enumerable.Range(0, experts).Max(e => logits[i, e]);
            for (int e = 0; e < experts; e++) p[e] = Math.Exp(logits[i, e] - max);
            double total = p.Sum();
            for (int e = 0; e < experts; e++)
            {
                p[e] /= total;
                meanProbability[e] += p[e] / t;
            }
            var chosen = Enumerable.Range(0, experts).OrderByDescending(e => p[e]).ThenBy(e => e).Take(k).ToArray();
            double chosenTotal = chosen.Sum(e => p[e]);
            var row = new double[1, c];
            for (int j = 0; j < c; j++) row[0, j] = x[i, j];
            foreach (int e in chosen)
            {
                counts[e]++;
                var expertOutput = Mlp(row, $"{name}.experts.{e}", config.MoeActivation);
                for (int j = 0; j < c; j++) output[i, j] += p[e] / chosenTotal * expertOutput[0, j];
            }
        }
        var usage = counts.Select(count => count / (t * k)).ToArray();
        double loss = experts * Enumerable.Range(0, experts).Sum(e => usage[e] * meanProbability[e]);
        return (output, new MoeOutput(usage, loss));
    }

    private static void Add(double[,] x, double[,] y)
    {
        for (int i = 0; i < x.GetLength(0); i++)
            for (int j = 0; j < x.GetLength(1); j++)
                x[i, j] += y[i, j];
    }
}
