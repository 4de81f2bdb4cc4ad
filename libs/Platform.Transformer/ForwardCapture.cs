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
