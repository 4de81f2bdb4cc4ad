namespace Platform.TransformerWorker.Items;

/// <summary>Section `Worker`.</summary>
public sealed class WorkerOptions
{
    public const string SectionName = "Worker";

    /// <summary>Items one replica generates at once. Each forward pass already uses every core, so keep this small.</summary>
    public int MaxConcurrentItems { get; set; } = 2;
}
