using System.Text.Json.Serialization;

namespace Platform.Transformer;

/// <summary>
/// Mixture-of-experts outputs of one layer: the fraction of routed (token, slot) pairs each expert received
/// (sums to 1) and the Switch Transformer load-balancing loss n_experts · Σ_i fraction_i · mean_probability_i.
/// </summary>
public sealed record MoeLayerStats(
    [property: JsonIgnore] int Layer,
    [property: JsonPropertyName("expert_usage")] IReadOnlyList<double> ExpertUsage,
    [property: JsonPropertyName("load_balance_loss")] double LoadBalanceLoss);
