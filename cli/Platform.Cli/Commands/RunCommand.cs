using System.CommandLine;
using Platform.Cli.Batches;
using Platform.Cli.Gateway;
using Platform.Contracts.Http.Batches;
using Platform.Contracts.Http.Models;
using Platform.Contracts.Http.Tasks;
using Spectre.Console;

namespace Platform.Cli.Commands;

/// <summary>
/// `platform run`: seed 004's batch CSV script as platform jobs. Imports the file's rows as tasks, submits one job per
/// slice of at most <c>--job-size</c> rows, follows their progress and writes the input rows with their answers to an
/// output file. The same command again picks up the jobs it submitted (their Idempotency-Keys derive from the arguments).
/// </summary>
public static class RunCommand
{
    private const int ImportChunk = 1000;

    /// <summary>Jobs' default limit of tasks per job.</summary>
    public const int DefaultJobSize = 10_000;

    private sealed record Settings(string InputPath, string OutputPath, string ContentColumn, string? IdColumn, AiModelConfig Model,
        BatchConfig Batch, IReadOnlyList<string> JsonFields, int? MaxRows, int JobSize, bool Restart, TimeSpan PollInterval,
        bool CancelOnInterrupt)
    {
        /// <summary>Everything that changes what is asked; a restart adds a salt so that nothing matches an earlier run.</summary>
        public string RunKey() => Batches.RunKey.Of(InputPath, new
        {
            Model = Model with { ApiKey = null },
            Batch,
            ContentColumn,
            IdColumn,
            MaxRows,
            JobSize,
            Salt = Restart ? Guid.NewGuid().ToString() : null,
        });
    }

    public static Command Create(CliContext context, GlobalOptions global)
    {
        var input = new Argument<string>("file") { Description = "Input rows: a .csv with a header row, or .jsonl with one object a line" };
        var modelType = new Option<string>("--model-type") { Description = "openai, zhipu_glm, baidu_wenxin, hunyuan, ollama, custom, ...", Required = true };
        var modelName = new Option<string>("--model-name") { Description = "The provider's model name, e.g. gpt-4o-mini", Required = true };
        var apiKeyEnv = new Option<string>("--api-key-env") { Description = "Name of the environment variable holding the provider's API key (the key itself never goes on the command line)" };
        var baseUrl = new Option<string>("--base-url") { Description = "Provider base URL (must be allowed by the platform)" };
        var promptTemplate = new Option<string>("--prompt-template") { Description = "Prompt with a {input_text} (or {content}) placeholder; without one it is sent as it is" };
        var systemPrompt = new Option<string>("--system-prompt") { Description = "System prompt sent before every prompt (part of the cache key)" };
        var contentColumn = new Option<string>("--content-column", "--input-column") { Description = "Column sent to the model", DefaultValueFactory = _ => "content" };
        var idColumn = new Option<string>("--id-column") { Description = "Column naming each row in task ids (default: id, if present); \"\" numbers the rows" };
        var output = new Option<string>("--output", "-o") { Description = "Output .csv or .jsonl (default: <file>.results.csv)" };
        var jsonFields = new Option<string>("--output-json-fields") { Description = "Comma-separated fields of the answer's JSON, each written as its own column (default: one prediction column)" };
        var maxRows = new Option<int?>("--max-rows") { Description = "Process only the first N rows" };
        var temperature = new Option<double?>("--temperature") { Description = "Sampling temperature, 0-2" };
        var maxTokens = new Option<int?>("--max-tokens") { Description = "Most tokens per answer" };
        var concurrency = new Option<int?>("--concurrency") { Description = "Predictions in flight at once (batch_config.max_concurrent_tasks, default 5)" };
        var retries = new Option<int?>("--retries") { Description = "Retries per prediction (batch_config.retry_attempts, default 2)" };
        var retryDelay = new Option<double?>("--retry-delay") { Description = "Seconds before the first retry, doubling after (batch_config.retry_delay_seconds)" };
        var timeout = new Option<int?>("--timeout") { Description = "Seconds per attempt (batch_config.timeout_seconds, default 30)" };
        var noCache = new Option<bool>("--no-cache") { Description = "Neither read nor write the prediction cache (enable_cache: false)" };
        var cacheTtl = new Option<int?>("--cache-ttl") { Description = "Seconds this run's answers stay cached (default: the platform's TTL)" };
        var jobSize = new Option<int>("--job-size") { Description = "Rows per job; larger inputs become several jobs, merged back in row order", DefaultValueFactory = _ => DefaultJobSize };
        var restart = new Option<bool>("--restart") { Description = "Submit new jobs even if this run was started before with the same arguments" };
        var pollInterval = new Option<double>("--poll-interval") { Description = "Seconds between progress polls", DefaultValueFactory = _ => 1.0 };
        var cancelOnInterrupt = new Option<bool>("--cancel-on-interrupt") { Description = "On Ctrl-C cancel the jobs without asking" };

        var command = new Command("run", "Run every row of a CSV/JSONL file through a model as batch jobs and write the results")
        {
            input, modelType, modelName, apiKeyEnv, baseUrl, promptTemplate, systemPrompt, contentColumn, idColumn, output, jsonFields, maxRows,
            temperature, maxTokens, concurrency, retries, retryDelay, timeout, noCache, cacheTtl, jobSize, restart, pollInterval, cancelOnInterrupt,
        };
        command.SetGatewayAction(context, global, (parse, gateway, interrupt) =>
        {
            var inputPath = parse.GetRequiredValue(input);
            var settings = new Settings(
                inputPath,
                parse.GetValue(output) ?? Path.ChangeExtension(inputPath, null) + ".results.csv",
                parse.GetRequiredValue(contentColumn),
                parse.GetValue(idColumn),
                new AiModelConfig
                {
                    ModelType = parse.GetRequiredValue(modelType),
                    ModelName = parse.GetRequiredValue(modelName),
                    ApiKey = ProviderKey(context, parse.GetValue(apiKeyEnv)),
                    BaseUrl = parse.GetValue(baseUrl),
                    Temperature = parse.GetValue(temperature),
                    MaxTokens = parse.GetValue(maxTokens),
                    PromptTemplate = parse.GetValue(promptTemplate),
                    SystemPrompt = parse.GetValue(systemPrompt),
                    EnableCache = parse.GetValue(noCache) ? false : null,
                    CacheTtl = parse.GetValue(cacheTtl),
                },
                new BatchConfig(parse.GetValue(concurrency), parse.GetValue(retries), parse.GetValue(timeout), parse.GetValue(retryDelay)),
                Fields(parse.GetValue(jsonFields)),
                AtLeastOne("--max-rows", parse.GetValue(maxRows)),
                AtLeastOne("--job-size", parse.GetValue(jobSize))!.Value,
                parse.GetValue(restart),
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

    private static int? AtLeastOne(string option, int? value) =>
        value is < 1 ? throw new CliException($"{option} must be 1 or more, got {value}.") : value;

    private static string[] Fields(string? list) =>
        list?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToArray() ?? [];

    private static async Task<int> RunAsync(IAnsiConsole console, GatewayClient gateway, Settings settings, CancellationToken interrupt)
    {
        var file = TableFile.Read(settings.InputPath);
        var input = settings.MaxRows is { } max ? file with { Rows = [.. file.Rows.Take(max)] } : file;
        var runKey = settings.RunKey();
        var rows = RunRows.Plan(input, settings.ContentColumn, settings.IdColumn, RunRows.RunId(runKey));
        var tasks = rows.Where(row => row.TaskId is not null)
            .Select(row => RunRows.ToTask(row, settings.ContentColumn, Path.GetFileName(settings.InputPath))).ToList();
        if (tasks.Count == 0)
        {
            throw new CliException($"No row of '{settings.InputPath}' has content in column '{settings.ContentColumn}'.");
        }

        await ImportAsync(console, gateway, tasks, interrupt);
        var jobIds = new List<string>();
        var jobs = new List<BatchJobView>();
        try
        {
            var started = DateTimeOffset.UtcNow;
            foreach (var (part, index) in tasks.Chunk(settings.JobSize).Select((part, index) => (part, index)))
            {
                var request = new BatchPredictRequest([.. part.Select(task => task.Id)], [settings.Model], settings.Batch);
                // Not cancelled by Ctrl-C: the Gateway may create the job before we read its answer, and a job whose id we
                // never learned or printed could not be cancelled or followed. Ctrl-C takes effect once it is announced.
                var submitted = await gateway.SubmitBatchAsync(request, RunKey.JobKey(runKey, index), CancellationToken.None);
                jobIds.Add(submitted.JobId);
                var job = await gateway.GetJobAsync(submitted.JobId, offset: 0, limit: 1, CancellationToken.None);
                if (job.CreatedAt < started)
                {
                    console.MarkupLineInterpolated($"Resumed job [bold]{submitted.JobId}[/], submitted {Display.Time(job.CreatedAt)} with the same arguments ({job.Status})");
                }
                else
                {
                    console.MarkupLineInterpolated($"Submitted job [bold]{submitted.JobId}[/]: {submitted.Message}");
                }

                interrupt.ThrowIfCancellationRequested();
            }

            foreach (var jobId in jobIds)
            {
                jobs.Add(await JobProgress.FollowAsync(console, gateway, jobId, settings.PollInterval, interrupt));
            }
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
        {
            return await InterruptedAsync(console, gateway, jobIds, settings, input, rows);
        }

        var exitCode = jobs.Select(job => JobProgress.Report(console, job)).Max();
        if (jobs.Any(job => job.Status == "cancelled"))
        {
            console.MarkupLine("A cancelled job is what this run resumes until you pass [bold]--restart[/] to submit new jobs.");
        }

        var results = await WriteOutputAsync(console, gateway, jobIds, settings, input, rows, interrupt);
        ReportCache(console, settings, results);
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

    /// <summary>Ctrl-C while the jobs run: cancel them (if asked to, or if the user says so) and keep what finished; otherwise leave them running.</summary>
    private static async Task<int> InterruptedAsync(IAnsiConsole console, GatewayClient gateway, List<string> jobIds, Settings settings,
        TableFile input, IReadOnlyList<RunRow> rows)
    {
        var named = string.Join(", ", jobIds);
        var cancel = jobIds.Count > 0 && (settings.CancelOnInterrupt || (console.Profile.Capabilities.Interactive
            && await new ConfirmationPrompt($"Cancel job {Markup.Escape(named)} on the platform too?").ShowAsync(console, CancellationToken.None)));
        if (!cancel)
        {
            console.MarkupLineInterpolated($"Job {named} keeps running. Run the same command again to pick it up and write the output, or follow it with 'platform jobs watch <job id>'.");
            return PlatformCli.Interrupted;
        }

        foreach (var jobId in jobIds)
        {
            var cancelled = await gateway.CancelJobAsync(jobId, CancellationToken.None);
            console.MarkupLineInterpolated($"[yellow]{cancelled.Message}[/]");
        }

        await WriteOutputAsync(console, gateway, jobIds, settings, input, rows, CancellationToken.None);
        return PlatformCli.Interrupted;
    }

    /// <summary>The input rows in their order, each with its answer from whichever job ran it.</summary>
    private static async Task<IReadOnlyCollection<ItemResultView>> WriteOutputAsync(IAnsiConsole console, GatewayClient gateway,
        IReadOnlyList<string> jobIds, Settings settings, TableFile input, IReadOnlyList<RunRow> rows, CancellationToken cancellationToken)
    {
        var results = new Dictionary<string, ItemResultView>(StringComparer.Ordinal);
        foreach (var jobId in jobIds)
        {
            await foreach (var result in JobResults.ReadAllAsync(gateway, jobId, cancellationToken))
            {
                results.TryAdd(result.TaskId, result);
            }
        }

        new RunOutput(input.Columns, settings.JsonFields).Build(rows, results, settings.ContentColumn).Write(settings.OutputPath);
        console.MarkupLineInterpolated($"Wrote {rows.Count} rows ({results.Count} with results) to [bold]{settings.OutputPath}[/].");
        return results.Values;
    }

    /// <summary>Seed 004's closing line: how many answers the prediction cache gave, and the provider calls that saved.</summary>
    private static void ReportCache(IAnsiConsole console, Settings settings, IReadOnlyCollection<ItemResultView> results)
    {
        if (settings.Model.EnableCache == false)
        {
            console.MarkupLine("Cache: off for this run (--no-cache).");
            return;
        }

        var hits = results.Count(result => result.Cached);
        var rate = results.Count == 0 ? 0 : (double)hits / results.Count;
        console.MarkupLineInterpolated($"Cache: hit rate {rate:P1} ({hits} of {results.Count} answers from the cache), {hits} API calls saved.");
    }
}
