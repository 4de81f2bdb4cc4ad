namespace Platform.Providers.Quotas.SharedCounts;

/// <summary>Section `Providers:SharedStore`: how long calls wait on the counts shared by replicas before counting locally.</summary>
public sealed class SharedStoreOptions
{
    public const string SectionName = "Providers:SharedStore";

    /// <summary>Longest a call waits on the database for its count; past it the call is counted by this replica alone.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>After the database failed, how long calls count locally without asking it (then one call tries again).</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);
}
