using System.Text.Json.Serialization;

namespace Platform.Transformer;

/// <summary>
/// What one forward pass records when the caller asks for it (seed 002's <c>captured_data</c>). Pass a new
/// instance to <see cref="GptModel.Forward(ReadOnlySpan{int}, ForwardCapture?)"/>; serialised with
/// System.Text.Json it is exactly the seed's JSON object. Reusing an instance overwrites its contents.
/// </summary>
public sealed class ForwardCapture
{
    /// <summary>Also record the attention probabilities themselves (H × T × keys floats per layer).</summary>
    [JsonIgnore] public bool IncludeAttentionWeights { get; init; }

    /// <summary>Also record the final hidden states (after the last layer norm): what embeddings are made of.</summary>
    [JsonIgnore] public bool IncludeHiddenStates { get; init; }

    /// <summary>The final hidden states, T × n_embed row-major, when <see cref="IncludeHiddenStates"/> asked for them.</summary>
    [JsonIgnore] public float[]? HiddenStates { get; internal set; }

    [JsonPropertyName("embeddings")] public EmbeddingsCapture? Embeddings { get; internal set; }

    [JsonPropertyName("layers")] public IReadOnlyList<LayerCapture> Layers { get; internal set; } = [];

    [JsonPropertyName("performance")] public PerformanceCapture? Performance { get; internal set; }
}

public sealed record TensorInfo(
    [property: JsonPropertyName("shape")] IReadOnlyList<int> Shape,
    [property: JsonPropertyName("dtype")] string Dtype);

public sealed record EmbeddingsCapture(
    [property: JsonPropertyName("token_embeddings")] TensorInfo TokenEmbeddings,
    [property: JsonPropertyName("position_embeddings")] TensorInfo PositionEmbeddings);

public sealed record LayerCapture(
    [property: JsonPropertyName("layer_idx")] int LayerIdx,
    [property: JsonPropertyName("attention")] AttentionCapture Attention,
    [property: JsonPropertyName("moe"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] MoeLayerStats? Moe);

/// <summary>
/// Attention of one layer: shape [1, n_head, T, keys] (keys = cached positions + T); <see cref="AttnWeights"/>
/// holds the probabilities in that row-major order when requested (masked positions are 0).
/// </summary>
public sealed record AttentionCapture(
    [property: JsonPropertyName("attn_weights_shape")] IReadOnlyList<int> AttnWeightsShape,
    [property: JsonPropertyName("attn_weights"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] float[]? AttnWeights);

/// <summary>Wall time of the forward pass in seconds and the process working set after it in MB.</summary>
public sealed record PerformanceCapture(
    [property: JsonPropertyName("forward_time")] double ForwardTime,
    [property: JsonPropertyName("memory_usage")] double MemoryUsage);

/// <summary>
/// Mixture-of-experts outputs of one layer: the fraction of routed (token, slot) pairs each expert received
/// (sums to 1) and the Switch Transformer load-balancing loss n_experts · Σ_i fraction_i · mean_probability_i.
/// </summary>
public sealed record MoeLayerStats(
    [property: JsonIgnore] int Layer,
    [property: JsonPropertyName("expert_usage")] IReadOnlyList<double> ExpertUsage,
    [property: JsonPropertyName("load_balance_loss")] double LoadBalanceLoss);
