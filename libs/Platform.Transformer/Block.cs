using Platform.Transformer.Weights;

namespace Platform.Transformer;

/// <summary>Pre-LayerNorm transformer block: x = x + attn(ln_1(x)); x = x + mlp(ln_2(x)) (mlp may be a mixture of experts).</summary>
internal sealed class Block
{
    private readonly LayerNorm _ln1;
    private readonly CausalSelfAttention _attn;
    private readonly LayerNorm _ln2;
    private readonly Mlp? _mlp;
    private readonly MixtureOfExperts? _moe;
    private readonly int _layer;

    public Block(ParameterReader parameters, int layer, TransformerConfig config)
    {
        string name = $"h.{layer}";
        _layer = layer;
        _ln1 = new LayerNorm(parameters, $"{name}.ln_1", config.NEmbed, config.Bias);
        _attn = new CausalSelfAttention(parameters, $"{name}.attn", config);
        _ln2 = new LayerNorm(parameters, $"{name}.ln_2", config.NEmbed, config.Bias);
        if (config.UseMoe) _moe = new MixtureOfExperts(parameters, $"{name}.mlp", config);
        else _mlp = new Mlp(parameters, $"{name}.mlp", config, MoeActivation.Gelu);
    }

    /// <summary>Updates the residual stream ws.X in place; returns the MoE outputs when this block has experts.</summary>
    public MoeLayerStats? Forward(Workspace ws, int rows, int start, LayerKv kv, float[]? attentionWeights)
    {
        _ln1.Forward(ws.X, ws.Normed, rows);
        _attn.Forward(ws, rows, start, kv, attentionWeights);
        _ln2.Forward(ws.X, ws.Normed, rows);
        if (_moe is not null) return _moe.Forward(ws, rows, _layer);
        _mlp!.Forward(ws.Normed, rows, ws.X, ws.Hidden, accumulate: true);
        return null;
    }
}
