using System.CommandLine;
using Platform.Cli.Batches;
using Spectre.Console;

namespace Platform.Cli.Commands;

/// <summary>`platform jobs list|watch|export|cancel`: batch jobs, however they were submitted.</summary>
public static class JobsCommands
{
    public static Command Create(CliContext context, GlobalOptions global) =>
        new("jobs", "List, watch, export and cancel batch jobs")
        {
            Subcommands = { List(context, global), Watch(context, global), Export(context, global), Cancel(context, global) },
        };

    private static Argument<string> JobId() => new("job_id") { Description = "The job's id (batch_…)" };

    private static Command List(CliContext context, GlobalOptions global)
    {
        var limit = new Option<int>("--limit") { Description = "How many jobs to show", DefaultValueFactory = _ => 20 };
        var offset = new Option<int>("--offset") { Description = "How many of the newest jobs to skip", DefaultValueFactory = _ => 0 };
        var command = new Command("list", "List batch jobs, newest first") { limit, offset };
        command.SetGatewayAction(context, global, async (parse, gateway, cancellationToken) =>
        {
            var list = await gateway.ListJobsAsync(parse.GetValue(offset), parse.GetValue(limit), cancellationToken);
            var table = new Table().AddColumns("job id", "status", "progress", "succeeded", "failed", "total", "created", "completed");
            foreach (var job in list.Jobs)
            {
                table.AddRow(Markup.Escape(job.JobId), job.Status, $"{Display.Number(job.Progress)}%", $"{job.SuccessfulTasks}", $"{job.FailedTasks}",
                    $"{job.TotalTasks}", Display.Time(job.CreatedAt), Display.Time(job.CompletedAt));
            }

            context.Out.Write(table);
            context.Out.MarkupLineInterpolated($"{list.Jobs.Count} of {list.Total} jobs");
            return 0;
        });
        return command;
    }

    private static Command Watch(CliContext context, GlobalOptions global)
    {
        var jobId = JobId();
        var pollInterval = new Option<double>("--poll-interval") { Description = "Seconds between polls", DefaultValueFactory = _ => 1.0 };
        var command = new Command("watch", "Show a job's progress until it ends (Ctrl-C stops watching; the job keeps running)") { jobId, pollInterval };
        command.SetGatewayAction(context, global, async (parse, gateway, interrupt) =>
        {
            var job = await JobProgress.FollowAsync(context.Out, gateway, parse.GetRequiredValue(jobId),
                TimeSpan.FromSeconds(Math.Max(parse.GetValue(pollInterval), 0.05)), interrupt);
            return JobProgress.Report(context.Out, job);
        });
        return command;
    }

    private static Command Export(CliContext context, GlobalOptions global)
    {
        var jobId = JobId();
        var output = new Option<string>("--output", "-o") { Description = "File to write: .csv or .jsonl", Required = true };
        var command = new Command("export", "Write every result of a job (so far) to a CSV or JSONL file") { jobId, output };
        command.SetGatewayAction(context, global, async (parse, gateway, cancellationToken) =>
        {
            var path = parse.GetRequiredValue(output);
            var rows = await JobResults.ReadAllAsync(gateway, parse.GetRequiredValue(jobId), cancellationToken)
                .Select(JobResults.ToRow).ToListAsync(cancellationToken);
            new TableFile(JobResults.ExportColumns, rows).Write(path);
            context.Out.MarkupLineInterpolated($"Wrote {rows.Count} results to [bold]{path}[/].");
            return 0;
        });
        return command;
    }

    private static Command Cancel(CliContext context, GlobalOptions global)
    {
        var jobId = JobId();
        var command = new Command("cancel", "Cancel a job: nothing new starts, results of running predictions are kept") { jobId };
        command.SetGatewayAction(context, global, async (parse, gateway, cancellationToken) =>
        {
            var cancelled = await gateway.CancelJobAsync(parse.GetRequiredValue(jobId), cancellationToken);
            context.Out.MarkupLineInterpolated($"{cancelled.Message}");
            return 0;
        });
        return command;
    }
}
