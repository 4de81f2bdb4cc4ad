using System.Text.Json.Serialization;

namespace Platform.Gateway.Models;

public sealed record ModelPricingView(
    [property: JsonPropertyName("input_per_1k_tokens")] decimal? InputPer1KTokens,
    [property: JsonPropertyName("output_per_1k_tokens")] decimal? OutputPer1KTokens);
