using System.ComponentModel.DataAnnotations;

namespace Platform.Jobs;

/// <summary>Section `Jobs`.</summary>
public sealed class JobsOptions
{
    public const string SectionName = "Jobs";

    [Range(1, 1_000_000)]
    public int MaxTasksPerJob { get; set; } = 10_000;

    [Range(1, 1_000_000)]
    public int MaxTasksPerImport { get; set; } = 10_000;

    /// <summary>Added to an item's own worst case (every attempt timing out) before its lease expires.</summary>
    public TimeSpan LeaseGrace { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>An item sent this many times without a result fails instead of being sent again.</summary>
    [Range(1, 100)]
    public int MaxDeliveries { get; set; } = 3;

    /// <summary>Results applied in one transaction at most.</summary>
    [Range(1, 5000)]
    public int ResultBatchSize { get; set; } = 500;

    /// <summary>How long a send to the broker may take before its items are given back to the sweeper.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often queue depths and items in flight are read for the metrics and the sweeper.</summary>
    public TimeSpan MonitorInterval { get; set; } = TimeSpan.FromSeconds(5);
}
