namespace Platform.Providers.Accounting;

/// <summary>How usage records are buffered and written (section `Accounting`).</summary>
public sealed class UsageAccountingOptions
{
    public const string SectionName = "Accounting";

    /// <summary>Records waiting to be written; beyond this new records are dropped (and counted) rather than slowing calls.</summary>
    public int Capacity { get; set; } = 100_000;

    /// <summary>Records written in one COPY at most.</summary>
    public int MaxBatchSize { get; set; } = 500;

    /// <summary>How long the writer waits for a batch to fill before writing what it has.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Attempts to write one batch before it is given up (the database may be restarting).</summary>
    public int WriteAttempts { get; set; } = 5;
}
