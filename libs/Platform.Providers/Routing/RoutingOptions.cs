namespace Platform.Providers.Routing;

/// <summary>Operator settings for routing (section `Providers:Routing`): circuits, quotas, deadlines and health statistics.</summary>
public sealed class RoutingOptions
{
    public const string SectionName = "Providers:Routing";

    /// <summary>Share of failed calls within <see cref="SamplingDuration"/> that opens a deployment's circuit.</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Calls needed within <see cref="SamplingDuration"/> before the ratio is judged (at least 2).</summary>
    public int MinimumThroughput { get; set; } = 10;

    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit refuses calls before one trial call is let through (half-open).</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Bound on one deployment's attempts and retries together, when the call policy sets no deadline.</summary>
    public TimeSpan DefaultDeadline { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How much of a per-minute quota may be spent at once: a bucket holds this many seconds' worth of
    /// requests or tokens (at least one request) and refills continuously.
    /// </summary>
    public TimeSpan QuotaBurst { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Recent calls kept per deployment for the moving-average response time and the error rate.</summary>
    public int StatisticsWindow { get; set; } = 50;

    /// <summary>
    /// Configs carried by requests (batch items, predict) whose circuit, quota and client are kept, the
    /// most recently used ones; an older one starts afresh when it is used again.
    /// </summary>
    public int MaxAdHocDeployments { get; set; } = 256;

    /// <summary>Limit of one health probe of an unhealthy deployment.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
