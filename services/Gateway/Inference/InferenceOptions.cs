namespace Platform.Gateway.Inference;

/// <summary>Section `Inference`: seed 001's port and how batches run.</summary>
public sealed class InferenceOptions
{
    public const string SectionName = "Inference";

    /// <summary>The seed's examples call http://localhost:8009; served there unless the operator chose the Gateway's addresses.</summary>
    public const string DefaultUrl = "http://localhost:8009";

    /// <summary>Another address the Gateway listens on (for `/inference` clients), besides its own.</summary>
    public string? Url { get; set; }

    /// <summary>Requests of a `parallel` batch that run at once: enough to overlap provider latency without flooding one provider.</summary>
    public int BatchParallelism { get; set; } = 8;
}
