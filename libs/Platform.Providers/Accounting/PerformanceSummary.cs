namespace Platform.Providers.Accounting;

/// <summary>Latencies of the successful calls in a window, and how many calls there were.</summary>
public sealed record PerformanceSummary(
    TimeSpan Window,
    long Requests,
    long Successes,
    double AverageMs,
    double P50Ms,
    double P95Ms,
    double P99Ms,
    long Tokens)
{
    /// <summary>0 when there were no calls: no data, rather than a perfect score.</summary>
    public double SuccessRate => Requests == 0 ? 0 : (double)Successes / Requests;

    public double ErrorRate => Requests == 0 ? 0 : 1 - SuccessRate;
}
