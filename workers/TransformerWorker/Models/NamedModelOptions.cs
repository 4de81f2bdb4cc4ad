namespace Platform.TransformerWorker.Models;

public sealed class NamedModelOptions
{
    /// <summary>The model's config as the transformer API's JSON (absent fields take their defaults).</summary>
    public string Config { get; set; } = "{}";

    /// <summary>Weight seed when there is no weights file; defaults to `Transformer:Seed`.</summary>
    public int? Seed { get; set; }

    /// <summary>A `model.safetensors` file with the model's weights.</summary>
    public string? WeightsPath { get; set; }
}
