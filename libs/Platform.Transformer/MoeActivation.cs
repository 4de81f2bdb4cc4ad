using System.Text.Json.Serialization;

namespace Platform.Transformer;

/// <summary>Activation used inside the mixture-of-experts MLPs (the dense MLP is always GELU).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MoeActivation>))]
public enum MoeActivation
{
    /// <summary>GELU, tanh approximation (as GPT-2).</summary>
    [JsonStringEnumMemberName("gelu")] Gelu,

    /// <summary>max(0, x).</summary>
    [JsonStringEnumMemberName("relu")] Relu,

    /// <summary>x · sigmoid(x).</summary>
    [JsonStringEnumMemberName("silu")] Silu,
}
