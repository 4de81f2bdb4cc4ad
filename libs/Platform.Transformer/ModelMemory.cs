namespace Platform.Transformer;

/// <summary>
/// What a model of a config takes, in float32 values counted in <c>long</c>: its parameters and what one forward
/// pass over the whole context allocates besides (activations, the logits of every position, the KV cache).
/// Known before anything is allocated, so that a config too large for the process is refused up front.
/// </summary>
public sealed record ModelMemory(long Parameters, long Activations, long Logits, long KvCache)
{
    /// <summary>The widest column padding of <see cref="Kernels.PackedMatrix"/> on any CPU, so that a config is valid everywhere alike.</summary>
    private const int PanelWidth = 32;

    /// <summary>The most floats one array may hold (the aligned allocator adds 16).</summary>
    private const long MaxBufferFloats = 0x7FFFFFC7 - 16;

    /// <summary>Every byte a loaded model and one full-context forward pass take.</summary>
    public long TotalBytes => (Parameters + Activations + Logits + KvCache) * sizeof(float);

    /// <summary>Parameters only, as reported as the model's size.</summary>
    public long ParameterBytes => Parameters * sizeof(float);

    public static ModelMemory Of(TransformerConfig config)
    {
        var (c, hidden, experts, kvLayer) = Sizes(config);
        // The residual stream, its normalised copy and the attention output (T × C each), queries/keys/values, the MLP's
        // hidden layer, the packed GEMM operand (at most T × hidden), a layer's scratch keys and values, and MoE routing.
        long context = config.ContextSize;
        long activations = context * (3 * c + 3 * c + 2 * hidden + experts + (experts > 0 ? 2 * c : 0)) + kvLayer;
        return new ModelMemory(GptModel.CountParameters(config), activations, (long)config.VocabSize * context, config.NLayer * kvLayer);
    }

    /// <summary>Throws <see cref="TransformerConfigException"/> when one buffer of the config would be larger than an array can be.</summary>
    internal static void ThrowIfABufferCannotBeAllocated(TransformerConfig config)
    {
        var (c, hidden, _, kvLayer) = Sizes(config);
        long vocab = config.VocabSize, context = config.ContextSize;
        (string Field, string Product, long Floats)[] buffers =
        [
            ("vocab_size", "vocab_size × context_size logits", vocab * context),
            ("vocab_size", "vocab_size × n_embed token embeddings", Padded(vocab) * c),
            ("context_size", "context_size × n_embed position embeddings", context * c),
            ("context_size", "context_size × 3 n_embed queries, keys and values", context * 3 * c),
            ("context_size", "context_size × ffn_hidden_multiplier · n_embed MLP activations", context * hidden),
            ("ffn_hidden_multiplier", "n_embed × ffn_hidden_multiplier · n_embed MLP weights", c * Padded(hidden)),
            ("context_size", "n_head × context_size × head_size KV cache of a layer", kvLayer),
        ];
        foreach (var (field, product, floats) in buffers)
        {
            if (floats > MaxBufferFloats)
                throw new TransformerConfigException(field, FormattableString.Invariant($"{product} would need {floats:N0} floats in one buffer, more than the {MaxBufferFloats:N0} an array can hold"));
        }
    }

    /// <summary>n_embed, the MLP width, the experts routed to (0 without MoE) and one layer's KV storage, in floats.</summary>
    private static (long Embed, long Hidden, long Experts, long KvLayer) Sizes(TransformerConfig config)
    {
        long context = config.ContextSize, c = config.NEmbed, headSize = c / config.NHead;
        return (c, config.FfnHiddenMultiplier * c, config.UseMoe ? config.MoeNumExperts : 0,
            config.NHead * (Padded(context) * headSize + Padded(headSize) * context));
    }

    private static long Padded(long columns) => (columns + PanelWidth - 1) / PanelWidth * PanelWidth;
}
