using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Transformer;

/// <summary>
/// The model configuration of the transformer API (seed 002): every field, its snake_case JSON name and
/// its default. Unknown JSON fields are rejected so that a misspelt field is not silently ignored.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record TransformerConfig
{
    // Upper bounds of the size fields: generous for this CPU engine (GPT-3 has 96 layers, 96 heads, n_embed 12,288;
    // large vocabularies reach 262,144), so that no product of them is a size nobody means. The products that size a
    // buffer are bounded on their own by ModelMemory.
    public const int MaxVocabSize = 262_144;
    public const int MaxContextSize = 32_768;
    public const int MaxLayers = 128;
    public const int MaxHeads = 128;
    public const int MaxEmbed = 16_384;
    public const int MaxFfnHiddenMultiplier = 16;
    public const int MaxExperts = 256;

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = false };

    [JsonPropertyName("vocab_size")] public int VocabSize { get; init; } = 50304;
    [JsonPropertyName("context_size")] public int ContextSize { get; init; } = 1024;
    [JsonPropertyName("n_layer")] public int NLayer { get; init; } = 12;
    [JsonPropertyName("n_head")] public int NHead { get; init; } = 12;
    [JsonPropertyName("n_embed")] public int NEmbed { get; init; } = 768;

    /// <summary>Training-time dropout; inference ignores it.</summary>
    [JsonPropertyName("dropout")] public double Dropout { get; init; } = 0.1;

    /// <summary>Biases in the linear layers and LayerNorms.</summary>
    [JsonPropertyName("bias")] public bool Bias { get; init; } = true;

    [JsonPropertyName("ffn_hidden_multiplier")] public int FfnHiddenMultiplier { get; init; } = 4;
    [JsonPropertyName("use_sparse_attention")] public bool UseSparseAttention { get; init; }
    [JsonPropertyName("use_moe")] public bool UseMoe { get; init; }
    [JsonPropertyName("moe_num_experts")] public int MoeNumExperts { get; init; } = 8;
    [JsonPropertyName("moe_top_k")] public int MoeTopK { get; init; } = 2;
    [JsonPropertyName("moe_activation")] public MoeActivation MoeActivation { get; init; } = MoeActivation.Gelu;

    /// <summary>Training-time expert dropout; inference ignores it.</summary>
    [JsonPropertyName("moe_dropout")] public double? MoeDropout { get; init; }

    /// <summary>Only "cpu": this engine runs on the CPU.</summary>
    [JsonPropertyName("device")] public string Device { get; init; } = "cpu";

    /// <summary>
    /// Sparse attention (Child et al. 2019, fixed pattern): each query sees the <c>sparse_window</c> most recent
    /// positions including itself. Default 128.
    /// </summary>
    [JsonPropertyName("sparse_window")] public int SparseWindow { get; init; } = 128;

    /// <summary>
    /// Sparse attention: besides its window, each query sees every earlier "summary" position p with
    /// (p + 1) % <c>sparse_stride</c> == 0, the last position of each stride block. Default 128.
    /// </summary>
    [JsonPropertyName("sparse_stride")] public int SparseStride { get; init; } = 128;

    [JsonIgnore] public int HeadSize => NEmbed / NHead;
    [JsonIgnore] public int HiddenSize => FfnHiddenMultiplier * NEmbed;

    /// <summary>Parses a config JSON object; absent fields keep their defaults. The result is validated.</summary>
    public static TransformerConfig FromJson(string json)
    {
        TransformerConfig? config;
        try
        {
            config = JsonSerializer.Deserialize<TransformerConfig>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            string field = e.Path is null or "$" ? "config" : e.Path.TrimStart('$', '.');
            throw new TransformerConfigException(field, $"invalid config JSON: {e.Message}");
        }
        if (config is null) throw new TransformerConfigException("config", "invalid config JSON: null");
        config.Validate();
        return config;
    }

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Throws <see cref="TransformerConfigException"/> naming the first invalid field.</summary>
    public void Validate()
    {
        RequireInRange(VocabSize, "vocab_size", MaxVocabSize);
        RequireInRange(ContextSize, "context_size", MaxContextSize);
        RequireInRange(NLayer, "n_layer", MaxLayers);
        RequireInRange(NHead, "n_head", MaxHeads);
        RequireInRange(NEmbed, "n_embed", MaxEmbed);
        if (NEmbed % NHead != 0)
            throw new TransformerConfigException("n_embed", $"n_embed ({NEmbed}) must be divisible by n_head ({NHead})");
        RequireProbability(Dropout, "dropout");
        RequireInRange(FfnHiddenMultiplier, "ffn_hidden_multiplier", MaxFfnHiddenMultiplier);
        RequireInRange(MoeNumExperts, "moe_num_experts", MaxExperts);
        RequireInRange(MoeTopK, "moe_top_k", MaxExperts);
        if (MoeTopK > MoeNumExperts)
            throw new TransformerConfigException("moe_top_k", $"moe_top_k ({MoeTopK}) must be at most moe_num_experts ({MoeNumExperts})");
        if (!Enum.IsDefined(MoeActivation))
            throw new TransformerConfigException("moe_activation", $"moe_activation ({MoeActivation}) must be gelu, relu or silu");
        if (MoeDropout is { } moeDropout) RequireProbability(moeDropout, "moe_dropout");
        if (!string.Equals(Device, "cpu", StringComparison.OrdinalIgnoreCase))
            throw new TransformerConfigException("device", $"device \"{Device}\" is not available: this engine runs on \"cpu\"");
        RequireInRange(SparseWindow, "sparse_window", MaxContextSize);
        RequireInRange(SparseStride, "sparse_stride", MaxContextSize);
        ModelMemory.ThrowIfABufferCannotBeAllocated(this);
    }

    private static void RequireInRange(int value, string field, int max)
    {
        if (value <= 0) throw new TransformerConfigException(field, $"{field} ({value}) must be positive");
        if (value > max) throw new TransformerConfigException(field, $"{field} ({value}) must be at most {max}");
    }

    private static void RequireProbability(double value, string field)
    {
        if (!(value >= 0 && value < 1)) throw new TransformerConfigException(field, $"{field} ({value}) must be in [0, 1)");
    }
}
