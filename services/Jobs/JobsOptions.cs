namespace Platform.Jobs;

/// <summary>Section `Jobs`.</summary>
public sealed class JobsOptions
{
    public const string SectionName = "Jobs";

    public int MaxTasksPerJob { get; set; } = 10_000;
    public int MaxTasksPerImport { get; set; } = 10_000;

    /// <summary>How often expired leases are looked for.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Added to an item's own worst case (every attempt timing out) before its lease expires.</summary>
    public TimeSpan LeaseGrace { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>An item sent this many times without a result fails instead of being sent again.</summary>
    public int MaxDeliveries { get; set; } = 3;
}
