using System.ComponentModel.DataAnnotations;

namespace Platform.ProviderWorker.Items;

/// <summary>Section `Worker`.</summary>
public sealed class WorkerOptions
{
    public const string SectionName = "Worker";

    /// <summary>Items one replica runs at once. Provider calls mostly wait on the network, so this can far exceed the core count.</summary>
    [Range(1, 10_000)]
    public int MaxConcurrentItems { get; set; } = 128;
}
