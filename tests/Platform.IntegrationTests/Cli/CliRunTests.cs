using System.Text.Json.Nodes;
using CsvHelper;
using Platform.AppHost.Local;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Cli;

/// <summary>
/// `platform run` and `platform jobs` through the shared stack (Gateway in local mode, Jobs, workers)
/// against a fake OpenAI-compatible upstream: the CSV script of seed 004, as a platform job.
/// </summary>
public sealed class CliRunTests
{
    private const string ProviderKeyVariable = "FAKE_PROVIDER_KEY";
    private const string ProviderKey = "sk-cli-provider-secret-0123456789";
    private static readonly Dictionary<string, string> Environment = new() { [ProviderKeyVariable] = ProviderKey };
    private string _directory = null!;

    // Items of other tests' jobs may still be retried against a port the OS has since given to this test's
    // fake upstream; a marker in this test's prompts tells its own calls apart.
    private string _marker = null!;

    [SetUp]
    public void CreateDirectory()
    {
        _directory = Directory.CreateTempSubdirectory("platform-cli-").FullName;
        _marker = $"[cli-{Guid.NewGuid():N}]";
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public async Task A_csv_run_answers_every_row_in_the_output_csv_and_the_job_can_be_listed_watched_and_exported()
    {
        await using var upstream = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);
        upstream.Respond = call => call.Prompt.Contains("[bad]", StringComparison.Ordinal)
            ? UpstreamReply.Error(400, "content rejected by policy")
            : UpstreamReply.Text(FakeAnswers.Annotation);
        var input = WriteFile("reviews.csv", """"
            id,text,category
            1,"这是一个很好的产品",product_review
            2,"Great, really great ""value""",product_review
            3,,empty_review
            4,"[bad] not allowed",service_review
            5,"总体来说还不错",general_review
            """");
        var output = Path.Combine(_directory, "results.csv");

        var run = await RunAsync(upstream.BaseUrl, input, "--content-column", "text", "--output", output);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        var rows = ReadCsv(output);
        Assert.That(rows.Select(row => row["id"]), Is.EqualTo(new[] { "1", "2", "3", "4", "5" }), "every input row, in order");
        Assert.That(rows.Select(row => row["text"]), Is.EqualTo(new[] { "这是一个很好的产品", "Great, really great \"value\"", "", "[bad] not allowed", "总体来说还不错" }));
        Assert.That(rows.Select(row => row["category"]).Distinct(), Has.Member("product_review").And.Member("empty_review"));
        Assert.That(rows.Select(row => row["status"]), Is.EqualTo(new[] { "completed", "completed", "skipped", "failed", "completed" }));
        foreach (var answered in rows.Where(row => row["status"] == "completed"))
        {
            Assert.That(JsonNode.Parse(answered["prediction"])!["sentiment"]!.GetValue<string>(), Is.EqualTo("positive"));
            Assert.That(answered["confidence"], Is.EqualTo("0.9"));
            Assert.That(answered["error"], Is.Empty);
        }

        Assert.That(rows[2]["error"], Is.EqualTo("no content in column 'text'"));
        Assert.That(rows[3]["error"], Does.Contain("content rejected by policy"));
        Assert.That(rows[3]["prediction"], Is.Empty);
        Assert.That(OwnCalls(upstream).Select(call => call.Prompt), Has.Some.Contains("这是一个很好的产品").And.None.Contains("empty_review"));
        Assert.That(OwnCalls(upstream).Select(call => call.Authorization), Is.All.EqualTo($"Bearer {ProviderKey}"), "the key from --api-key-env reaches the provider");
        Assert.That(run.Output + run.Error + File.ReadAllText(output), Does.Not.Contain(ProviderKey), "the provider key is never printed or written");
        Assert.That(run.Output, Does.Contain("3 succeeded, 1 failed, 0 cancelled of 4"));

        var jobId = JobIdOf(run);
        var listed = await CliRunner.RunAsync(["jobs", "list", "--gateway", Gateway]);
        Assert.That(listed.ExitCode, Is.EqualTo(0), listed.ToString());
        Assert.That(listed.Output.Split('\n').Single(line => line.Contains(jobId, StringComparison.Ordinal)), Does.Contain("completed").And.Contain("100%"));

        var watched = await CliRunner.RunAsync(["jobs", "watch", jobId, "--gateway", Gateway]);
        Assert.That(watched.ExitCode, Is.EqualTo(0), watched.ToString());
        Assert.That(watched.Output, Does.Contain($"Job {jobId} completed: 3 succeeded, 1 failed"));

        var export = Path.Combine(_directory, "export.jsonl");
        var exported = await CliRunner.RunAsync(["jobs", "export", jobId, "--output", export, "--gateway", Gateway]);
        Assert.That(exported.ExitCode, Is.EqualTo(0), exported.ToString());
        var lines = File.ReadAllLines(export).Select(line => JsonNode.Parse(line)!).ToList();
        Assert.That(lines.Select(line => line["status"]!.GetValue<string>()), Is.EquivalentTo(new[] { "completed", "completed", "failed", "completed" }));
        Assert.That(lines.Where(line => line["status"]!.GetValue<string>() == "completed").Select(line => line["prediction"]!["sentiment"]!.GetValue<string>()),
            Is.All.EqualTo("positive"));
        Assert.That(lines.Select(line => line["model_name"]!.GetValue<string>()), Is.All.EqualTo("cli-model"));
    }

    [Test]
    public async Task A_jsonl_run_reads_objects_and_numbers_rows_without_an_id()
    {
        await using var upstream = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);
        var input = WriteFile("reviews.jsonl", """
            {"content": "Terrible battery.", "stars": 1}
            {"content": "今天天气真好", "stars": 5, "tags": ["weather"]}
            """);
        var output = Path.Combine(_directory, "out.jsonl");

        var run = await RunAsync(upstream.BaseUrl, input, "--output", output);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        var rows = File.ReadAllLines(output).Select(line => JsonNode.Parse(line)!).ToList();
        Assert.That(rows.Select(row => row["stars"]!.GetValue<int>()), Is.EqualTo(new[] { 1, 5 }));
        Assert.That(rows[1]["tags"]![0]!.GetValue<string>(), Is.EqualTo("weather"));
        Assert.That(rows.Select(row => row["status"]!.GetValue<string>()), Is.All.EqualTo("completed"));
        Assert.That(rows.Select(row => row["prediction"]!["confidence"]!.GetValue<double>()), Is.All.EqualTo(0.9));
    }

    [Test]
    public async Task An_unknown_model_type_is_a_clear_error_with_a_non_zero_exit()
    {
        var input = WriteFile("one.csv", "content\nhello\n");

        var run = await CliRunner.RunAsync(["run", input, "--model-type", "no_such_type", "--model-name", "m", "--gateway", Gateway]);

        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(run.Error, Does.StartWith("Error: The Gateway answered 400: ai_model_configs[0].model_type 'no_such_type' is unknown; known types: "));
        Assert.That(File.Exists(Path.Combine(_directory, "one.results.csv")), Is.False);
    }

    [Test]
    public async Task Input_problems_are_reported_before_anything_is_sent()
    {
        var input = WriteFile("rows.csv", "id,text\n1,a\n1,b\n");

        var missingColumn = await RunAsync(NoUpstream, input, "--content-column", "body");
        var duplicateIds = await RunAsync(NoUpstream, input, "--content-column", "text");
        var unsetKey = await CliRunner.RunAsync(["run", input, "--model-type", "openai", "--model-name", "m", "--api-key-env", "UNSET_VARIABLE", "--gateway", Gateway]);

        Assert.Multiple(() =>
        {
            Assert.That(missingColumn.Error, Is.EqualTo("Error: The input has no column 'body' (it has: id, text); choose one with --content-column.\n"));
            Assert.That(duplicateIds.Error, Does.StartWith("Error: Row 2: '1' in column 'id' appears more than once"));
            Assert.That(unsetKey.Error, Is.EqualTo("Error: The environment variable 'UNSET_VARIABLE' named by --api-key-env is not set.\n"));
            Assert.That(new[] { missingColumn, duplicateIds, unsetKey }.Select(result => result.ExitCode), Is.All.EqualTo(1));
        });
    }

    [Test]
    public async Task An_unreachable_gateway_is_named_in_a_clear_error()
    {
        var nobody = $"http://127.0.0.1:{FreePort.Next()}";

        var result = await CliRunner.RunAsync(["jobs", "list"], new Dictionary<string, string> { ["PLATFORM_GATEWAY_URL"] = nobody });

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Error, Does.StartWith($"Error: Cannot reach the Gateway at {nobody}/ ").And.Contain("is it running?"));
    }

    [Test]
    public async Task Ctrl_c_with_cancel_on_interrupt_cancels_the_job_and_writes_what_finished()
    {
        await using var upstream = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);
        upstream.Latency = TimeSpan.FromSeconds(3);
        var input = WriteFile("slow.csv", "content\n" + string.Join('\n', Enumerable.Range(1, 6).Select(i => $"slow review {i}")) + "\n");
        var output = Path.Combine(_directory, "slow.results.csv");
        using var interrupt = new CancellationTokenSource();

        var running = RunAsync(upstream.BaseUrl, input, ["--concurrency", "1", "--cancel-on-interrupt"], interrupt.Token);
        await GatewayApi.EventuallyAsync(() => OwnCalls(upstream).Any(), TimeSpan.FromMinutes(1), "the job's first prediction reached the provider");
        await interrupt.CancelAsync();
        var run = await running;

        Assert.That(run.ExitCode, Is.EqualTo(130), run.ToString());
        Assert.That(run.Output, Does.Contain("Batch job cancelled"));
        var job = await PlatformFixture.Stack.Gateway.GetJobAsync(JobIdOf(run));
        Assert.That(job["status"]!.GetValue<string>(), Is.EqualTo("cancelled"));
        var statuses = ReadCsv(output).Select(row => row["status"]).ToList();
        Assert.That(statuses, Has.Count.EqualTo(6));
        Assert.That(statuses, Is.All.AnyOf("completed", "cancelled"));
        Assert.That(statuses.Count(status => status == "cancelled"), Is.GreaterThanOrEqualTo(4), "with one prediction in flight at a time, most never started");
    }

    [Test]
    public async Task The_seed_script_example_writes_its_columns_and_the_same_run_again_resumes_its_job()
    {
        await using var upstream = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);
        upstream.Respond = _ => UpstreamReply.Text("""{"sentiment": "positive", "confidence": 0.95, "keywords": ["产品", "好"]}""");
        var input = WriteFile("input.csv", """
            id,text,category
            1,"这是一个很好的产品",product_review
            2,"服务质量有待提高",service_review
            3,"总体来说还不错",general_review
            """);
        var output = Path.Combine(_directory, "output.csv");
        var template = _marker + " 请分析以下文本的情感：\n文本内容：{input_text}\n请返回JSON格式：{\"sentiment\": \"positive/negative/neutral\", \"confidence\": 0.95}";
        string[] seedArguments = ["--input-column", "text", "--system-prompt", "你是一个专业的文本分析师。", "--output-json-fields", "sentiment,confidence",
            "--retry-delay", "1", "--cache-ttl", "604800", "--output", output];

        var run = await RunWithTemplateAsync(upstream.BaseUrl, input, template, seedArguments, CancellationToken.None);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(File.ReadLines(output).First(), Is.EqualTo("row_index,id,text,category,sentiment,confidence,raw_response,parsing_success,status,error"),
            "the seed's output columns, then the platform's status and error");
        var rows = ReadCsv(output);
        Assert.That(rows.Select(row => row["row_index"]), Is.EqualTo(new[] { "0", "1", "2" }));
        Assert.That(rows.Select(row => row["text"]), Is.EqualTo(new[] { "这是一个很好的产品", "服务质量有待提高", "总体来说还不错" }));
        Assert.That(rows.Select(row => (row["sentiment"], row["confidence"], row["parsing_success"], row["status"])),
            Is.All.EqualTo(("positive", "0.95", "True", "completed")));
        Assert.That(rows.Select(row => row["raw_response"]), Is.All.Contains("\"keywords\""), "the raw answer is kept on every row");
        var calls = OwnCalls(upstream).ToList();
        Assert.That(calls, Has.Count.EqualTo(3));
        Assert.That(calls.Select(call => call.Prompt), Has.Some.Contains("文本内容：这是一个很好的产品").And.None.Contains("{input_text}"));
        Assert.That(calls.Select(call => (call.Body["messages"]![0]!["role"]!.GetValue<string>(), call.Body["messages"]![0]!["content"]!.GetValue<string>())),
            Is.All.EqualTo(("system", "你是一个专业的文本分析师。")), "--system-prompt is the system message");
        Assert.That(run.Output, Does.Contain("Cache: hit rate 0"));

        var again = await RunWithTemplateAsync(upstream.BaseUrl, input, template, seedArguments, CancellationToken.None);

        Assert.That(again.ExitCode, Is.EqualTo(0), again.ToString());
        Assert.That(again.Output, Does.Contain($"Resumed job {JobIdOf(run)}"), "the same arguments pick up the job instead of submitting another");
        Assert.That(OwnCalls(upstream).Count(), Is.EqualTo(3), "nothing is asked twice");
        Assert.That(ReadCsv(output), Is.EqualTo(rows));
        Assert.That(Directory.GetFiles(_directory, "*.tmp"), Is.Empty, "the output is written beside and renamed over");
    }

    [Test]
    public async Task An_input_longer_than_a_job_becomes_several_jobs_merged_in_row_order()
    {
        await using var upstream = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);
        var input = WriteFile("long.csv", "id,content\n" + string.Join('\n', Enumerable.Range(1, 7).Select(i => $"{i},review {i}")) + "\n");
        var output = Path.Combine(_directory, "long.results.csv");

        var run = await RunAsync(upstream.BaseUrl, input, "--job-size", "2", "--max-rows", "5", "--output", output);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(System.Text.RegularExpressions.Regex.Matches(run.Output, "Submitted job batch_"), Has.Count.EqualTo(3), "5 rows in jobs of 2");
        var rows = ReadCsv(output);
        Assert.That(rows.Select(row => (row["row_index"], row["id"], row["status"])),
            Is.EqualTo(Enumerable.Range(0, 5).Select(i => (i.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{i + 1}", "completed"))));
        Assert.That(OwnCalls(upstream).Select(call => call.Prompt), Has.None.Contains("review 6").And.None.Contains("review 7"), "--max-rows 5");
    }

    [Test]
    public async Task Answers_without_json_keep_their_raw_text_and_repeated_content_is_answered_from_the_cache()
    {
        await using var upstream = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);
        upstream.Respond = call => call.Prompt.Contains("[raw]", StringComparison.Ordinal) ? UpstreamReply.Text("I think it is fine.") : UpstreamReply.Text(FakeAnswers.Annotation);
        var input = WriteFile("repeated.csv", "id,content\n1,same text\n2,same text\n3,[raw] plain\n");
        var output = Path.Combine(_directory, "repeated.results.csv");

        var cached = await RunAsync(upstream.BaseUrl, input, "--concurrency", "1", "--output", output);

        Assert.That(cached.ExitCode, Is.EqualTo(0), cached.ToString());
        Assert.That(cached.Output, Does.Contain("(1 of 3 answers from the cache), 1 API calls saved"));
        Assert.That(OwnCalls(upstream).Count(), Is.EqualTo(2));
        var raw = ReadCsv(output)[2];
        Assert.That((raw["status"], raw["parsing_success"], raw["raw_response"], raw["prediction"]), Is.EqualTo(("completed", "False", "I think it is fine.", "")));

        var uncached = await RunAsync(upstream.BaseUrl, input, "--concurrency", "1", "--no-cache", "--output", output);

        Assert.That(uncached.ExitCode, Is.EqualTo(0), uncached.ToString());
        Assert.That(uncached.Output, Does.Contain("Cache: off for this run"));
        Assert.That(OwnCalls(upstream).Count(), Is.EqualTo(5), "--no-cache asks the provider for every row");
    }

    [Test]
    public async Task The_cache_manager_lists_purges_expired_and_clears_entries()
    {
        await using var upstream = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);
        upstream.Respond = _ => UpstreamReply.Text($$"""{"tag": "{{_marker}}"}""");
        var input = WriteFile("ttl.csv", "content\nshort-lived\n");
        var run = await RunAsync(upstream.BaseUrl, input, "--cache-ttl", "1");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());

        var listed = await CliRunner.RunAsync(["cache", "show-details", "--limit", "1000", "--gateway", Gateway]);
        Assert.That(listed.ExitCode, Is.EqualTo(0), listed.ToString());
        Assert.That(listed.Output, Does.Contain(_marker), "the entry shows the start of its answer");
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var stats = await CliRunner.RunAsync(["cache", "stats", "--gateway", Gateway]);
        Assert.That(stats.ExitCode, Is.EqualTo(0), stats.ToString());
        Assert.That(stats.Output, Does.Contain("expired entries").And.Contain("hit rate"));

        var purged = await CliRunner.RunAsync(["cache", "clean-expired", "--gateway", Gateway]);
        Assert.That(purged.ExitCode, Is.EqualTo(0), purged.ToString());
        Assert.That(purged.Output, Does.Match(@"\d+ expired cache entries purged"));
        Assert.That((await CliRunner.RunAsync(["cache", "show-details", "--limit", "1000", "--gateway", Gateway])).Output, Does.Not.Contain(_marker),
            "a one-second TTL has run out: the entry is gone");

        var cleared = await CliRunner.RunAsync(["cache", "clean-all", "--gateway", Gateway]);
        Assert.That(cleared.ExitCode, Is.EqualTo(0), cleared.ToString());
        Assert.That(cleared.Output, Does.Match(@"\d+ cache entries cleared"));
    }

    private static string Gateway => PlatformFixture.Stack.GatewayUrl.ToString();

    /// <summary>For runs that must fail before any prediction is made.</summary>
    private static readonly Uri NoUpstream = new("http://127.0.0.1:9/v1/");

    private IEnumerable<UpstreamCall> OwnCalls(FakeOpenAiUpstream upstream) => upstream.Calls.Where(call => call.Prompt.StartsWith(_marker, StringComparison.Ordinal));

    private Task<CliResult> RunAsync(Uri upstream, string input, params string[] extra) => RunAsync(upstream, input, extra, CancellationToken.None);

    private Task<CliResult> RunAsync(Uri upstream, string input, string[] extra, CancellationToken interrupt) =>
        RunWithTemplateAsync(upstream, input, $"{_marker} 情感分析，只输出 JSON：{{content}}", extra, interrupt);

    private static Task<CliResult> RunWithTemplateAsync(Uri upstream, string input, string template, string[] extra, CancellationToken interrupt) =>
        CliRunner.RunAsync(["run", input, "--model-type", "openai", "--model-name", "cli-model", "--api-key-env", ProviderKeyVariable,
            "--base-url", upstream.ToString(), "--prompt-template", template, "--poll-interval", "0.2", .. extra, "--gateway", Gateway],
            Environment, interrupt);

    private static string JobIdOf(CliResult run) =>
        System.Text.RegularExpressions.Regex.Match(run.Output, @"(?:Submitted|Resumed) job (batch_[^\s:,]+)").Groups[1].Value;

    private string WriteFile(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static List<Dictionary<string, string>> ReadCsv(string path)
    {
        using var csv = CsvReader.FromFile(path);
        var header = csv.Headers.ToArray();
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            rows.Add(header.Select((column, index) => (column, value: csv.GetString(index))).ToDictionary(pair => pair.column, pair => pair.value));
        }

        return rows;
    }
}
