using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.AppHost.Local;
using Platform.IntegrationTests.Infrastructure;
using Platform.IntegrationTests.Models;

namespace Platform.IntegrationTests.OpenAiBatch;

/// <summary>
/// OpenAI's Batch API as its official Node client uses it (`tests/clients/node/openai-batch.mjs`), through the Gateway's
/// `/v1` to the Jobs service and the ProviderWorkers, on a model registered on a fake OpenAI-compatible upstream.
/// </summary>
public sealed class OpenAiBatchTests
{
    /// <summary>The window of a model without a requests-per-minute limit (`OpenAiBatch:DefaultConcurrency`).</summary>
    private const int DefaultWindow = 20;

    private static RunningPlatform Stack => PlatformFixture.Stack;

    [Test]
    public async Task The_node_client_runs_a_batch_to_completed_and_every_custom_id_gets_its_answer()
    {
        const int lines = 25;
        await using var upstream = await AnsweringUpstreamAsync();
        var model = await RegisterModelAsync("batch-flow", upstream);

        var seen = await RunAsync("flow", model, lines);

        var batch = seen["batch"]!;
        Assert.That(seen["created"]!["status"]!.GetValue<string>(), Is.EqualTo("validating"));
        Assert.That(batch["status"]!.GetValue<string>(), Is.EqualTo("completed"), batch.ToJsonString());
        Assert.That(Counts(batch), Is.EqualTo((lines, lines, 0)));
        Assert.That(batch["metadata"]!["run"]!.GetValue<string>(), Is.EqualTo("flow"));
        foreach (var stamp in (string[])["created_at", "in_progress_at", "finalizing_at", "completed_at", "expires_at"])
        {
            Assert.That(batch[stamp]?.GetValue<long>(), Is.Positive, stamp);
        }

        AssertAnswers(seen["output"]!.AsArray(), lines);
        Assert.That(seen["errors"]!.AsArray(), Is.Empty);
        Assert.That(seen["file"]!["purpose"]!.GetValue<string>(), Is.EqualTo("batch"));
        Assert.That(seen["retrievedFile"]!["bytes"]!.GetValue<long>(), Is.EqualTo(seen["file"]!["bytes"]!.GetValue<long>()));
        Assert.That(seen["listed"]!.AsArray().Select(id => id!.GetValue<string>()), Does.Contain(batch["id"]!.GetValue<string>()));
        Assert.That(seen["deleted"]!["deleted"]!.GetValue<bool>(), Is.True);
        Assert.That(seen["missing"]!["status"]!.GetValue<int>(), Is.EqualTo(404));

        var sent = upstream.Calls.First();
        Assert.That(sent.Body["temperature"]!.GetValue<double>(), Is.EqualTo(0.2).Within(1e-6), "the line's body reaches the model");
        Assert.That((sent.Body["max_completion_tokens"] ?? sent.Body["max_tokens"])!.GetValue<int>(), Is.EqualTo(50));
        Assert.That(sent.Body["messages"]![0]!["role"]!.GetValue<string>(), Is.EqualTo("system"));

        // Underneath it is a platform job, with the seed 000 view, and every call is accounted.
        var job = await Stack.Gateway.GetFromJsonAsync<JsonNode>($"/api/v1/ai/batch/{batch["platform_job_id"]!.GetValue<string>()}");
        Assert.That(job!["total_tasks"]!.GetValue<int>(), Is.EqualTo(lines));
        Assert.That(job["status"]!.GetValue<string>(), Is.EqualTo("completed"));
        await GatewayApi.EventuallyAsync(() =>
        {
            var usage = Stack.Gateway.GetFromJsonAsync<JsonNode>($"/api/llm/stats/usage?model={model}").GetAwaiter().GetResult();
            return usage!["total_requests"]!.GetValue<long>() == lines;
        }, TimeSpan.FromSeconds(30), "every line's call is in the usage statistics");
    }

    [Test]
    public async Task The_node_client_runs_an_embeddings_batch_whose_lines_carry_the_embeddings_answer()
    {
        const int lines = 6;
        await using var upstream = await AnsweringUpstreamAsync();
        var model = await RegisterModelAsync("batch-embed", upstream);

        var seen = await RunAsync("embeddings", model, lines);

        var batch = seen["batch"]!;
        Assert.That(batch["status"]!.GetValue<string>(), Is.EqualTo("completed"), batch.ToJsonString());
        Assert.That(batch["endpoint"]!.GetValue<string>(), Is.EqualTo("/v1/embeddings"));
        Assert.That(Counts(batch), Is.EqualTo((lines, lines, 0)));
        var output = seen["output"]!.AsArray();
        Assert.That(output.Select(row => row!["custom_id"]!.GetValue<string>()), Is.EquivalentTo(Enumerable.Range(0, lines).Select(index => $"req-{index}")));
        foreach (var row in output)
        {
            var index = int.Parse(row!["custom_id"]!.GetValue<string>()["req-".Length..], System.Globalization.CultureInfo.InvariantCulture);
            var body = row["response"]!["body"]!;
            OpenAi.OpenAiSchema.Check(OpenAi.OpenAiSchema.EmbeddingList, body.ToJsonString());
            Assert.That(body["model"]!.GetValue<string>(), Is.EqualTo(model));
            // The fake's vector of an input is [its length, 0.5, -0.5]: each line's own two inputs, in order.
            var vectors = body["data"]!.AsArray().Select(item => item!["embedding"]!.AsArray().Select(value => value!.GetValue<float>()).ToArray()).ToList();
            Assert.That(vectors, Is.EqualTo(new[] { new float[] { $"text {index}".Length, 0.5f, -0.5f }, new float[] { index + 1, 0.5f, -0.5f } }));
            Assert.That(body["usage"]!["prompt_tokens"]!.GetValue<int>(), Is.EqualTo(Platform.Testing.Upstreams.FakeUpstream.PromptTokens), "the upstream's usage, passed on");
        }

        Assert.That(upstream.Calls, Has.Count.EqualTo(lines), "one upstream embeddings call a line");
    }

    [Test]
    public async Task Identical_lines_of_a_batch_are_answered_from_the_prediction_cache()
    {
        const int lines = 60;
        await using var upstream = await AnsweringUpstreamAsync();
        var model = await RegisterModelAsync("batch-repeat", upstream);

        var seen = await RunAsync("repeat", model, lines);

        var batch = seen["batch"]!;
        Assert.That(batch["status"]!.GetValue<string>(), Is.EqualTo("completed"), batch.ToJsonString());
        Assert.That(Counts(batch), Is.EqualTo((lines, lines, 0)));
        Assert.That(seen["output"]!.AsArray().Select(row => row!["response"]!["body"]!["choices"]![0]!["message"]!["content"]!.GetValue<string>()).Distinct(),
            Is.EqualTo(new[] { "answer to the same question" }));
        // Only lines already running when the first answer arrived (at most one window of them) reached the model.
        Assert.That(upstream.Calls.Count, Is.InRange(1, DefaultWindow), "repeated lines are answered from the cache");
    }

    [Test]
    public async Task A_file_with_bad_lines_fails_naming_each_bad_line_and_bad_requests_get_openai_errors()
    {
        await using var upstream = await AnsweringUpstreamAsync();
        var model = await RegisterModelAsync("batch-bad", upstream);

        var seen = await RunAsync("bad", model);

        var batch = seen["batch"]!;
        Assert.That(batch["status"]!.GetValue<string>(), Is.EqualTo("failed"), batch.ToJsonString());
        Assert.That(batch["failed_at"]!.GetValue<long>(), Is.Positive);
        var errors = batch["errors"]!["data"]!.AsArray();
        Assert.That(errors.Select(error => error!["line"]!.GetValue<int>()), Is.EqualTo(new[] { 2, 3, 4, 5 }));
        Assert.That(errors.Select(error => error!["code"]!.GetValue<string>()),
            Is.EqualTo(new[] { "invalid_json_line", "invalid_custom_id", "duplicate_custom_id", "mismatched_endpoint" }));
        Assert.That(upstream.Calls, Is.Empty, "nothing of a failed batch runs");

        AssertOpenAiError(seen["wrongPurpose"]!, 400, "purpose");
        AssertOpenAiError(seen["wrongEndpoint"]!, 400, "endpoint");
        AssertOpenAiError(seen["wrongWindow"]!, 400, "completion_window");
        AssertOpenAiError(seen["unknownFile"]!, 404, "input_file_id");
        AssertOpenAiError(seen["unknownBatch"]!, 404, "batch_id");
    }

    [Test]
    public async Task Cancelling_mid_run_keeps_the_lines_already_answered()
    {
        const int lines = 200;
        await using var upstream = await AnsweringUpstreamAsync();
        upstream.Latency = TimeSpan.FromMilliseconds(300);
        var model = await RegisterModelAsync("batch-cancel", upstream);

        var seen = await RunAsync("cancel", model, lines);

        var batch = seen["batch"]!;
        Assert.That(seen["cancelling"]!["status"]!.GetValue<string>(), Is.EqualTo("cancelling"));
        Assert.That(batch["status"]!.GetValue<string>(), Is.EqualTo("cancelled"), batch.ToJsonString());
        Assert.That(batch["cancelled_at"]!.GetValue<long>(), Is.Positive);
        var (total, completed, failed) = Counts(batch);
        Assert.That(total, Is.EqualTo(lines));
        Assert.That(completed, Is.InRange(3, lines - 1), "lines answered before the cancel are kept, the rest never ran");
        var output = seen["output"]!.AsArray();
        var errors = seen["errors"]!.AsArray();
        Assert.That(output, Has.Count.EqualTo(completed));
        Assert.That(errors, Has.Count.EqualTo(failed));
        Assert.That(output.Count + errors.Count, Is.EqualTo(lines), "every line is in one of the two files");
        AssertAnswers(output, lines);
        Assert.That(errors.Select(error => error!["error"]!["code"]!.GetValue<string>()).Distinct(), Is.EqualTo(new[] { "batch_cancelled" }));
        Assert.That(upstream.Calls, Has.Count.LessThan(lines));
    }

    [Test]
    public async Task A_10000_line_batch_completes_and_its_throughput_is_printed_against_the_model_window()
    {
        const int lines = 10_000;
        await using var upstream = await AnsweringUpstreamAsync();
        var model = await RegisterModelAsync("batch-large", upstream);

        var seen = await RunAsync("flow", model, lines);

        var batch = seen["batch"]!;
        Assert.That(batch["status"]!.GetValue<string>(), Is.EqualTo("completed"), batch.ToJsonString());
        Assert.That(Counts(batch), Is.EqualTo((lines, lines, 0)));
        AssertAnswers(seen["output"]!.AsArray(), lines);
        var seconds = seen["seconds"]!.GetValue<double>();
        var ceiling = DefaultWindow / upstream.Latency.TotalSeconds;
        TestContext.Progress.WriteLine($"OpenAI batch of {lines} lines: {seconds:F1} s from create to completed, {lines / seconds:F0} lines/s; "
            + $"window {DefaultWindow} at {upstream.Latency.TotalMilliseconds:F0} ms upstream latency allows at most {ceiling:F0} lines/s; "
            + $"most requests in flight upstream at once: {upstream.MaxConcurrency}");
        Assert.That(upstream.MaxConcurrency, Is.LessThanOrEqualTo(DefaultWindow), "the model's window holds");
    }

    /// <summary>
    /// Through a Jobs replica whose window is 4 s (set by configuration; the API takes only `24h`), straight to its `/v1`
    /// with a plain HTTP client: whichever replica runs the batches expires it.
    /// </summary>
    [Test]
    public async Task A_batch_past_its_window_expires_keeping_the_lines_that_finished()
    {
        const int lines = 200;
        await using var upstream = await AnsweringUpstreamAsync();
        upstream.Latency = TimeSpan.FromSeconds(1);
        var model = await RegisterModelAsync("batch-expire", upstream);
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        await using var jobs = Stack.StartExtra(ServiceKind.Jobs, url.ToString(),
            new Dictionary<string, string> { ["OpenAiBatch__CompletionWindow"] = "00:00:04" });
        await jobs.WaitReadyAsync(new Uri(url, "health/ready"), TimeSpan.FromSeconds(90));
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };

        var input = string.Join('\n', Enumerable.Range(0, lines).Select(index => JsonSerializer.Serialize(new
        {
            custom_id = $"req-{index}",
            method = "POST",
            url = "/v1/chat/completions",
            body = new { model, messages = new[] { new { role = "user", content = $"question {index}" } } },
        })));
        using var form = new MultipartFormDataContent { { new StringContent("batch"), "purpose" }, { new StringContent(input), "file", "batch.jsonl" } };
        using var uploaded = await client.PostAsync("/v1/files", form);
        var file = JsonNode.Parse(await uploaded.Content.ReadAsStringAsync())!;
        Assert.That(uploaded.IsSuccessStatusCode, Is.True, file.ToJsonString());
        using var created = await client.PostAsJsonAsync("/v1/batches",
            new { input_file_id = file["id"]!.GetValue<string>(), endpoint = "/v1/chat/completions", completion_window = "24h" });
        var batchId = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();

        JsonNode batch = null!;
        await GatewayApi.EventuallyAsync(() =>
        {
            batch = client.GetFromJsonAsync<JsonNode>($"/v1/batches/{batchId}").GetAwaiter().GetResult()!;
            return batch["status"]!.GetValue<string>() is "expired" or "completed" or "failed" or "cancelled";
        }, TimeSpan.FromMinutes(5), "the batch ends");

        Assert.That(batch["status"]!.GetValue<string>(), Is.EqualTo("expired"), batch.ToJsonString());
        Assert.That(batch["expired_at"]!.GetValue<long>(), Is.Positive);
        var (total, completed, failed) = Counts(batch);
        Assert.That(total, Is.EqualTo(lines));
        Assert.That(completed, Is.InRange(1, lines - 1), "what finished within the window is kept");
        var output = await DownloadAsync(client, batch["output_file_id"]);
        var errors = await DownloadAsync(client, batch["error_file_id"]);
        Assert.That(output, Has.Count.EqualTo(completed));
        AssertAnswers(output, lines);
        Assert.That(errors, Has.Count.EqualTo(failed));
        Assert.That(errors.Select(error => error!["error"]!["code"]!.GetValue<string>()).Distinct(), Is.EqualTo(new[] { "batch_expired" }));
    }

    private static async Task<JsonArray> DownloadAsync(HttpClient client, JsonNode? fileId) =>
        fileId is null ? [] : new JsonArray((await client.GetStringAsync($"/v1/files/{fileId.GetValue<string>()}/content"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)).ToArray());

    private static async Task<FakeOpenAiUpstream> AnsweringUpstreamAsync()
    {
        var upstream = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);
        upstream.Respond = call => UpstreamReply.Text($"answer to {call.Prompt}");
        return upstream;
    }

    private static async Task<string> RegisterModelAsync(string prefix, FakeOpenAiUpstream upstream)
    {
        var model = $"{prefix}-{Guid.NewGuid():N}";
        await Stack.Gateway.CreateModelAsync(model, upstream, "sk-upstream-key");
        return model;
    }

    private static Task<JsonNode> RunAsync(string mode, string model, int? lines = null) =>
        NodeClient.RunAsync(Stack.GatewayUrl, "openai-batch.mjs", TimeSpan.FromMinutes(20),
            lines is { } count ? [mode, model, count.ToString(System.Globalization.CultureInfo.InvariantCulture)] : [mode, model]);

    private static (int Total, int Completed, int Failed) Counts(JsonNode batch)
    {
        var counts = batch["request_counts"]!;
        return (counts["total"]!.GetValue<int>(), counts["completed"]!.GetValue<int>(), counts["failed"]!.GetValue<int>());
    }

    /// <summary>Each output line is a `chat.completion` answering its own line's question, and no custom_id comes twice.</summary>
    private static void AssertAnswers(JsonArray output, int lines)
    {
        var customIds = new HashSet<string>();
        foreach (var row in output)
        {
            var customId = row!["custom_id"]!.GetValue<string>();
            Assert.That(customIds.Add(customId), Is.True, $"{customId} appears once");
            var index = int.Parse(customId["req-".Length..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.That(index, Is.InRange(0, lines - 1));
            var response = row["response"]!;
            Assert.That(response["status_code"]!.GetValue<int>(), Is.EqualTo(200));
            Assert.That(response["body"]!["object"]!.GetValue<string>(), Is.EqualTo("chat.completion"));
            Assert.That(response["body"]!["choices"]![0]!["message"]!["content"]!.GetValue<string>(), Is.EqualTo($"answer to question {index}"));
            Assert.That(response["body"]!["usage"]!["total_tokens"]!.GetValue<int>(), Is.Positive);
        }
    }

    private static void AssertOpenAiError(JsonNode error, int status, string param)
    {
        Assert.That(error["status"]!.GetValue<int>(), Is.EqualTo(status), error.ToJsonString());
        Assert.That(error["type"]!.GetValue<string>(), Is.EqualTo("invalid_request_error"));
        Assert.That(error["param"]!.GetValue<string>(), Is.EqualTo(param));
        Assert.That(error["message"]!.GetValue<string>(), Is.Not.Empty);
    }
}
