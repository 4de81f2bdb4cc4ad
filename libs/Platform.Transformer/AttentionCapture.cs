using System.Text.Json.Serialization;

namespace Platform.Transformer;

/// <summary>
/// Attention of one layer: shape [1, n_head, T, keys] (keys = cached positions + T); <see cref="AttnWeights"/>
/// holds the probabilities in that row-major order when requested (masked positions are 0).
/// </summary>
public sealed record AttentionCapture(
    [property: JsonPropertyName("attn_weights_shape")] IReadOnlyList<int> AttnWeightsShape,
    [property: JsonPropertyName("attn_weights"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] float[]? AttnWeights);
