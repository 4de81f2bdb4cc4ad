using System.CommandLine;
using System.Text.Json.Nodes;
using Platform.Cli.Batches;
using Platform.Cli.Gateway;
using Spectre.Console;

namespace Platform.Cli.Commands;

/// <summary>
/// `platform run`: the batch CSV script as a platform job. Imports the file's rows as tasks, submits one job,
/// follows its progress and writes the input rows with their predictions to an output file.
/// </summary>
public static class RunCommand
{
    private const int ImportChunk = 1000;
    private static readonly string[] ResultColumns = ["prediction", "raw_response", "confidence", "status", "error"];

    private sealed record Settings(string InputPath, string OutputPath, string ContentColumn, string? IdColumn, ModelConfig Model,
        BatchConfig Batch, TimeSpan PollInterval, bool CancelOnInterrupt);

    public static Command Create(CliContext context, GlobalOptions global)
    {
        var input = new Argument<string>("file") { Description = "Input rows: a .csv with a header row, or .jsonl with one object a line" };
        var modelType = new Option<string>("--model-type") { Description = "openai, zhipu_glm, baidu_wenxin, hunyuan, ollama, custom, ...", Required = true };
        var modelName = new Option<string>("--model-name") { Description = "The provider's model name, e.g. gpt-4o-mini", Required = true };
        var apiKeyEnv = new Option<string>("--api-key-env") { Description = "Name of the environment variable holding the provider's API key (the key itself never goes on the command line)" };
        var baseUrl = new Option<string>("--base-url") { Description = "Provider base URL (must be allowed by the platform)" };
        var promptTemplate = new Option<string>("--prompt-template") { Description = "Prompt with a {content} placeholder" };
        var contentColumn = new Option<string>("--content-column") { Description = "Column sent to the model", DefaultValueFactory = _ => "content" };
        var idColumn = new Option<string>("--id-column") { Description = "Column naming each row in task ids (default: id, if present); \"\" numbers the rows" };
        var output = new Option<string>("--output", "-o") { Description = "Output .csv or .jsonl (default: <file>.results.csv)" };
        var temperature = new Option<double?>("--temperature") { Description = "Sampling temperature, 0-2" };
        var maxTokens = new Option<int?>("--max-tokens") { Description = "Most tokens per answer" };
        var concurrency = new Option<int?>("--concurrency") { Description = "Predictions in flight at once (batch_config.max_concurrent_tasks, default 5)" };
        var retries = new Option<int?>("--retries") { Description = "Retries per prediction (batch_config.retry_attempts, default 2)" };
        var timeout = new Option<int?>("--timeout") { Description = "Seconds per attempt (batch_config.timeout_seconds, default 30)" };
        var pollInterval = new Option<double>("--poll-interval") { Description = "Seconds between progress polls", DefaultValueFactory = _ => 1.0 };
        var cancelOnInterrupt = new Option<bool>("--cancel-on-interrupt") { Description = "On Ctrl-C cancel the job without asking" };

        var command = new Command("run", "Run every row of a CSV/JSONL file through a model as one batch job and write the results")
        {
            input, modelType, modelName, apiKeyEnv, baseUrl, promptTemplate, contentColumn, idColumn, output, temperature, maxTokens,
            concurrency, retries, timeout, pollInterval, cancelOnInterrupt,
        };
        command.SetGatewayAction(context, global, (parse, gateway, interrupt) =>
        {
            var inputPath = parse.GetRequiredValue(input);
            var settings = new Settings(
                inputPath,
                parse.GetValue(output) ?? Path.ChangeExtension(inputPath, null) + ".results.csv",
                parse.GetRequiredValue(contentColumn),
                parse.GetValue(idColumn),
                new ModelConfig(parse.GetRequiredValue(modelType), parse.GetRequiredValue(modelName), ProviderKey(context, parse.GetValue(apiKeyEnv)),
                    parse.GetValue(baseUrl), parse.GetValue(temperature), parse.GetValue(maxTokens), parse.GetValue(promptTemplate)),
                new BatchConfig(parse.GetValue(concurrency), parse.GetValue(retries), parse.GetValue(timeout)),
                TimeSpan.FromSeconds(Math.Max(parse.GetValue(pollInterval), 0.05)),
                parse.GetValue(cancelOnInterrupt));
            return RunAsync(context.Out, gateway, settings, interrupt);
        });
        return command;
    }

    private static string? ProviderKey(CliContext context, string? variable) => variable switch
    {
        null => null,
        _ when context.Environment(variable) is { Length: > 0 } key => key,
        _ => throw new CliException($"The environment variable '{variable}' named by --api-key-env is not set."),
    };

    private static async Task<int> RunAsync(IAnsiConsole console, GatewayClient gateway, Settings settings, CancellationToken interrupt)
    {
        var input = TableFile.Read(settings.InputPath);
        var rows = RunRows.Plan(input, settings.ContentColumn, settings.IdColumn, RunRows.NewRunId(TimeProvider.System));
        var tasks = rows.Where(row => row.TaskId is not null)
            .Select(row => RunRows.ToTask(row, settings.ContentColumn, Path.GetFileName(settings.InputPath))).ToList();
        if (tasks.Count == 0)
        {
            throw new CliException($"No row of '{settings.InputPath}' has content in column '{settings.ContentColumn}'.");
        }

        await ImportAsync(console, gateway, tasks, interrupt);
        var submitted = await gateway.SubmitBatchAsync(new BatchRequest([.. tasks.Select(task => task.Id)], [settings.Model], settings.Batch), interrupt);
        console.MarkupLineInterpolated($"Submitted job [bold]{submitted.JobId}[/]: {submitted.Message}");

        BatchJob job;
        try
        {
            job = await JobProgress.FollowAsync(console, gateway, submitted.JobId, settings.PollInterval, interrupt);
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
        {
            return await InterruptedAsync(console, gateway, submitted.JobId, settings, input, rows);
        }

        var exitCode = JobProgress.Report(console, job);
        await WriteOutputAsync(console, gateway, job.JobId, settings, input, rows, interrupt);
        return exitCode;
    }

    private static Task ImportAsync(IAnsiConsole console, GatewayClient gateway, List<TaskImport> tasks, CancellationToken interrupt) =>
        JobProgress.Bar(console).StartAsync(async progress =>
        {
            var bar = progress.AddTask("Importing tasks", maxValue: tasks.Count);
            foreach (var chunk in tasks.Chunk(ImportChunk))
            {
                await gateway.ImportTasksAsync(chunk, interrupt);
                bar.Increment(chunk.Length);
            }
        });

    /// <summary>Ctrl-C while the job runs: cancel it (if asked to, or if the user says so) and keep what finished; otherwise leave it running.</summary>
    private static async Task<int> InterruptedAsync(IAnsiConsole console, GatewayClient gateway, string jobId, Settings settings, TableFile input,
        IReadOnlyList<RunRow> rows)
    {
        var cancel = settings.CancelOnInterrupt || (console.Profile.Capabilities.Interactive
            && await new ConfirmationPrompt($"Cancel job {Markup.Escape(jobId)} on the platform too?").ShowAsync(console, CancellationToken.None));
        if (!cancel)
        {
            console.MarkupLineInterpolated($"Job {jobId} keeps running. Follow it with 'platform jobs watch {jobId}', fetch its results with 'platform jobs export {jobId} --output <file>'.");
            return PlatformCli.Interrupted;
        }

        var cancelled = await gateway.CancelJobAsync(jobId, CancellationToken.None);
        console.MarkupLineInterpolated($"[yellow]{cancelled.Message}[/]");
        await WriteOutputAsync(console, gateway, jobId, settings, input, rows, CancellationToken.None);
        return PlatformCli.Interrupted;
    }

    /// <summary>The input rows in their order, each with its result columns (prefixed `llm_` where the input already has that name).</summary>
    private static async Task WriteOutputAsync(IAnsiConsole console, GatewayClient gateway, string jobId, Settings settings, TableFile input,
        IReadOnlyList<RunRow> rows, CancellationToken cancellationToken)
    {
        var results = new Dictionary<string, ItemResult>(StringComparer.Ordinal);
        await foreach (var result in JobResults.ReadAllAsync(gateway, jobId, cancellationToken))
        {
            results.TryAdd(result.TaskId, result);
        }

        var names = ResultColumns.ToDictionary(name => name, name => input.Columns.Contains(name) ? $"llm_{name}" : name);
        var outputRows = rows.Select(row =>
        {
            var values = row.Values.DeepClone().AsObject();
            var result = row.TaskId is null ? null : results.GetValueOrDefault(row.TaskId);
            values[names["prediction"]] = result is null ? null : JobResults.PredictionOf(result);
            values[names["raw_response"]] = result?.RawText;
            values[names["confidence"]] = result?.Confidence;
            values[names["status"]] = result?.Status ?? (row.TaskId is null ? "skipped" : "cancelled");
            values[names["error"]] = row.TaskId is null ? $"no content in column '{settings.ContentColumn}'" : result?.Error;
            return values;
        }).ToList();

        new TableFile([.. input.Columns, .. names.Values], outputRows).Write(settings.OutputPath);
        console.MarkupLineInterpolated($"Wrote {outputRows.Count} rows ({results.Count} with results) to [bold]{settings.OutputPath}[/].");
    }
}
