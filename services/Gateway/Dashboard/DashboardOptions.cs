namespace Platform.Gateway.Dashboard;

/// <summary>Section `Dashboard`: how often open pages refresh and how much history the charts keep.</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>How often an open page reads jobs again; the circuit pushes what changed.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often models, queues and replicas are sampled for the charts, while at least one page watches them.</summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Samples kept per chart (at the default interval, the last ten minutes).</summary>
    public int HistoryLength { get; set; } = 200;

    /// <summary>The most recent jobs the jobs page lists.</summary>
    public int JobListLimit { get; set; } = 200;

    /// <summary>Results and failures shown on a job's page; the downloads carry all of them.</summary>
    public int JobResultsShown { get; set; } = 100;
}
