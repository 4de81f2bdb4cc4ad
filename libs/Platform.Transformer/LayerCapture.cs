using System.Text.Json.Serialization;

namespace Platform.Transformer;

public sealed record LayerCapture(
    [property: JsonPropertyName("layer_idx")] int LayerIdx,
    [property: JsonPropertyName("attention")] AttentionCapture Attention,
    [property: JsonPropertyName("moe"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] MoeLayerStats? Moe);
