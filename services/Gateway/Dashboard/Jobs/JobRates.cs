using Platform.Contracts.Http.Batches;
namespace Platform.Gateway.Dashboard.Jobs;

/// <summary>Throughput since the job started and the time left at that rate.</summary>
public static class JobRates
{
    public static readonly IReadOnlyList<string> Statuses = ["running", "completed", "failed", "cancelled"];

    public static bool IsRunning(IJobProgress job) => job.Status == "running";

    /// <summary>Tasks ended per second, or null before any has.</summary>
    public static double? Throughput(IJobProgress job, DateTime now)
    {
        var ended = job.SuccessfulTasks + job.FailedTasks;
        if (job.StartedAt is not { } started || ended == 0)
        {
            return null;
        }

        var seconds = ((job.CompletedAt ?? now) - started).TotalSeconds;
        return seconds > 0 ? ended / seconds : null;
    }

    /// <summary>Time left for a running job at its throughput so far.</summary>
    public static TimeSpan? Eta(IJobProgress job, DateTime now)
    {
        var remaining = job.TotalTasks - job.SuccessfulTasks - job.FailedTasks;
        return IsRunning(job) && Throughput(job, now) is { } rate ? TimeSpan.FromSeconds(Math.Max(0, remaining) / rate) : null;
    }
}
