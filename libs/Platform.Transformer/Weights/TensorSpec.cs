namespace Platform.Transformer.Weights;

/// <summary>A named parameter tensor as stored in a GPT-2 checkpoint (Conv1D weights input-major: (in, out)).</summary>
public sealed record TensorSpec(string Name, IReadOnlyList<int> Shape)
{
    public long ElementCount => Shape.Aggregate(1L, (product, size) => product * size);

    public string ShapeText => $"[{string.Join(", ", Shape)}]";

    /// <summary>
    /// Every parameter of a model with <paramref name="config"/>, in checkpoint order and naming
    /// (the Hugging Face GPT-2 names without the "transformer." prefix). With <c>use_moe</c>, each block's
    /// <c>mlp</c> holds <c>router</c> (C, E) and <c>experts.{e}.c_fc</c> / <c>experts.{e}.c_proj</c>.
    /// </summary>
    public static IReadOnlyList<TensorSpec> ForModel(TransformerConfig config)
    {
        config.Validate();
        int c = config.NEmbed;
        var specs = new List<TensorSpec>
        {
            new("wte.weight", [config.VocabSize, c]),
            new("wpe.weight", [config.ContextSize, c]),
        };
        for (int layer = 0; layer < config.NLayer; layer++)
        {
            string block = $"h.{layer}";
            AddLayerNorm(specs, $"{block}.ln_1", config);
            AddLinear(specs, $"{block}.attn.c_attn", c, 3 * c, config.Bias);
            AddLinear(specs, $"{block}.attn.c_proj", c, c, config.Bias);
            AddLayerNorm(specs, $"{block}.ln_2", config);
            if (config.UseMoe)
            {
                AddLinear(specs, $"{block}.mlp.router", c, config.MoeNumExperts, bias: false);
                for (int expert = 0; expert < config.MoeNumExperts; expert++)
                    AddMlp(specs, $"{block}.mlp.experts.{expert}", config);
            }
            else
            {
                AddMlp(specs, $"{block}.mlp", config);
            }
        }
        AddLayerNorm(specs, "ln_f", config);
        return specs;
    }

    private static void AddLayerNorm(List<TensorSpec> specs, string name, TransformerConfig config)
    {
        specs.Add(new($"{name}.weight", [config.NEmbed]));
        if (config.Bias) specs.Add(new($"{name}.bias", [config.NEmbed]));
    }

    private static void AddMlp(List<TensorSpec> specs, string name, TransformerConfig config)
    {
        AddLinear(specs, $"{name}.c_fc", config.NEmbed, config.HiddenSize, config.Bias);
        AddLinear(specs, $"{name}.c_proj", config.HiddenSize, config.NEmbed, config.Bias);
    }

    private static void AddLinear(List<TensorSpec> specs, string name, int inputs, int outputs, bool bias)
    {
        specs.Add(new($"{name}.weight", [inputs, outputs]));
        if (bias) specs.Add(new($"{name}.bias", [outputs]));
    }
}
