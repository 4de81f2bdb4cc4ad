using Platform.Cli.Gateway;
using Platform.Contracts.Http.Batches;
using Spectre.Console;

namespace Platform.Cli.Batches;

/// <summary>A progress bar over a batch job, driven by the counters the Gateway reports while it is polled.</summary>
public static class JobProgress
{
    /// <summary>Polls until the job has ended and returns its last state; an interrupt ends the wait (the job keeps running).</summary>
    public static Task<BatchJobView> FollowAsync(IAnsiConsole console, GatewayClient gateway, string jobId, TimeSpan pollInterval,
        CancellationToken interrupt) =>
        Bar(console).StartAsync(async progress =>
        {
            var bar = progress.AddTask(Markup.Escape(jobId), autoStart: true);
            while (true)
            {
                // One result is enough: the counters are what moves the bar.
                var job = await gateway.GetJobAsync(jobId, offset: 0, limit: 1, interrupt);
                bar.MaxValue = Math.Max(job.TotalTasks, 1);
                bar.Value = job.EndedItems;
                bar.Description = Markup.Escape($"{jobId} {job.Status}: {job.SuccessfulTasks} ok, {job.FailedTasks} failed");
                if (job.HasEnded)
                {
                    bar.StopTask();
                    return job;
                }

                await Task.Delay(pollInterval, interrupt);
            }
        });

    /// <summary>The bar layout every long step of the command line uses.</summary>
    public static Progress Bar(IAnsiConsole console) => console.Progress()
        .AutoClear(false)
        .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
            new ElapsedTimeColumn(), new SpinnerColumn());

    /// <summary>The job's outcome in one line, and the exit code it implies: 0 only for a completed job.</summary>
    public static int Report(IAnsiConsole console, BatchJobView job)
    {
        var counts = $"{job.SuccessfulTasks} succeeded, {job.FailedTasks} failed, {job.CancelledTasks} cancelled of {job.TotalTasks}";
        var colour = job.Status == "completed" ? (job.FailedTasks == 0 ? "green" : "yellow") : "red";
        var reason = job.Error is null ? string.Empty : $" ({job.Error})";
        console.MarkupLineInterpolated($"[{colour}]Job {job.JobId} {job.Status}[/]: {counts}{reason}.");
        return job.Status == "completed" ? 0 : PlatformCli.Failed;
    }
}
