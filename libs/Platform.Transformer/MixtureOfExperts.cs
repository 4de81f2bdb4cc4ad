using System.Numerics.Tensors;
using Platform.Transformer.Kernels;
using Platform.Transformer.Weights;

namespace Platform.Transformer;

/// <summary>
/// The MLP of a mixture-of-experts block: router (linear, no bias) → softmax → top-k experts → weights
/// renormalised over the chosen k → Σ weight · expert_mlp(x). Each expert runs once on the rows routed to it.
/// </summary>
internal sealed class MixtureOfExperts
{
    private readonly Linear _router;
    private readonly Mlp[] _experts;
    private readonly int _topK;

    public MixtureOfExperts(ParameterReader parameters, string name, TransformerConfig config)
    {
        _router = new Linear(parameters, $"{name}.router", config.NEmbed, config.MoeNumExperts, bias: false);
        _experts = new Mlp[config.MoeNumExperts];
        for (int expert = 0; expert < _experts.Length; expert++)
            _experts[expert] = new Mlp(parameters, $"{name}.experts.{expert}", config, config.MoeActivation);
        _topK = config.MoeTopK;
    }

    /// <summary>x += moe(normed) for the workspace's rows; returns expert usage and the load-balancing loss.</summary>
    public MoeLayerStats Forward(Workspace ws, int rows, int layer)
    {
        int experts = _experts.Length;
        int c = _router.Inputs;
        var probabilities = ws.RouterLogits;
        _router.Forward(ws.Normed, rows, probabilities);              // (T, E)

        var routes = new List<(int Row, float Weight)>[experts];
        for (int expert = 0; expert < experts; expert++) routes[expert] = [];
        var meanProbability = new double[experts];
        Span<int> chosen = stackalloc int[_topK];
        for (int row = 0; row < rows; row++)
        {
            var p = probabilities.AsSpan(row * experts, experts);
            Activations.Softmax(p);
            SelectTopK(p, chosen);
            float chosenSum = 0;
            foreach (int expert in chosen) chosenSum += p[expert];
            foreach (int expert in chosen) routes[expert].Add((row, p[expert] / chosenSum));
            for (int expert = 0; expert < experts; expert++) meanProbability[expert] += (double)p[expert] / rows;
        }

        var usage = new double[experts];
        double loss = 0;
        for (int expert = 0; expert < experts; expert++)
        {
            var routed = routes[expert];
            usage[expert] = (double)routed.Count / (rows * _topK);
            loss += usage[expert] * meanProbability[expert];
            if (routed.Count == 0) continue;
            for (int i = 0; i < routed.Count; i++)
                ws.Normed.AsSpan(routed[i].Row * c, c).CopyTo(ws.ExpertInput.AsSpan(i * c, c));        // (n_e, C)
            _experts[expert].Forward(ws.ExpertInput, routed.Count, ws.ExpertOutput, ws.Hidden, accumulate: false);
            for (int i = 0; i < routed.Count; i++)
            {
                var x = ws.X.AsSpan(routed[i].Row * c, c);
                TensorPrimitives.MultiplyAdd(ws.ExpertOutput.AsSpan(i * c, c), routed[i].Weight, x, x);
            }
        }
        return new MoeLayerStats(layer, usage, experts * loss);
    }

    /// <summary>Indices of the k largest probabilities, largest first; ties go to the lower index.</summary>
    private static void SelectTopK(ReadOnlySpan<float> probabilities, Span<int> chosen)
    {
        for (int slot = 0; slot < chosen.Length; slot++)
        {
            int best = -1;
            for (int expert = 0; expert < probabilities.Length; expert++)
            {
                if (chosen[..slot].Contains(expert)) continue;
                if (best < 0 || probabilities[expert] > probabilities[best]) best = expert;
            }
            chosen[slot] = best;
        }
    }
}
