using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Batches;

/// <summary>Seed 000's batch API as the seeds' own clients use it: inline tasks, system prompts, successes and failures apart.</summary>
public sealed class SeedClientBatchTests
{
    private static HttpClient Gateway => PlatformFixture.Stack.Gateway;

    [Test]
    public async Task A_batch_carries_its_tasks_inline_and_lists_successes_and_failures_apart()
    {
        await using var upstream = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);
        upstream.Respond = call => call.Prompt.Contains("[bad]", StringComparison.Ordinal)
            ? UpstreamReply.Error(400, "content rejected by policy")
            : UpstreamReply.Text(FakeAnswers.Annotation);
        var prefix = $"inline_{Guid.NewGuid():N}";
        var tasks = Enumerable.Range(1, 5).Select(i => new { id = $"{prefix}_{i}", content = i % 2 == 0 ? $"review {i} [bad]" : $"review {i}" }).ToArray();
        var config = new JsonObject
        {
            ["model_type"] = "openai",
            ["model_name"] = "inline-model",
            ["api_key"] = "sk-test-key",
            ["base_url"] = upstream.BaseUrl.ToString(),
            ["prompt_template"] = "分析以下文本: {input_text}",
            ["system_prompt"] = "你是一个专业的文本分析师。",
        };

        var jobId = await Gateway.SubmitAsync(new { tasks, ai_model_configs = new[] { config }, batch_config = new { retry_delay_seconds = 0.1 } });
        var job = await Gateway.WaitForEndAsync(jobId, TimeSpan.FromMinutes(1));

        Assert.That(job["results"]!.AsArray().Select(result => result!["task_id"]!.GetValue<string>()),
            Is.EqualTo(new[] { $"{prefix}_1", $"{prefix}_3", $"{prefix}_5" }), "results are the successes");
        Assert.That(job["results"]!.AsArray().Select(result => result!["raw_text"]!.GetValue<string>()), Is.All.EqualTo(FakeAnswers.Annotation));
        Assert.That(job["failed_tasks_details"]!.AsArray().Select(failure => failure!["task_id"]!.GetValue<string>()),
            Is.EqualTo(new[] { $"{prefix}_2", $"{prefix}_4" }));
        var call = upstream.Calls.First(call => call.Prompt.Contains("review 1", StringComparison.Ordinal));
        Assert.That(call.Prompt, Is.EqualTo("分析以下文本: review 1"), "{input_text} is the content");
        Assert.That(call.Body["messages"]![0]!["role"]!.GetValue<string>(), Is.EqualTo("system"));
        Assert.That(call.Body["messages"]![0]!["content"]!.GetValue<string>(), Is.EqualTo("你是一个专业的文本分析师。"));
        Assert.That((await Gateway.GetAsync($"/api/v1/tasks/{prefix}_1")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "inline tasks are imported");

        var secondFailure = await Gateway.GetJobAsync(jobId, "?limit=1&failed_offset=1&failed_limit=1");
        Assert.That(secondFailure["results"]!.AsArray().Select(result => result!["task_id"]!.GetValue<string>()), Is.EqualTo(new[] { $"{prefix}_1" }));
        Assert.That(secondFailure["failed_tasks_details"]!.AsArray().Select(failure => failure!["task_id"]!.GetValue<string>()),
            Is.EqualTo(new[] { $"{prefix}_4" }), "failures page on their own offset");
        Assert.That(secondFailure["pagination"]!.ToJsonString(),
            Is.EqualTo("""{"offset":0,"limit":1,"total_results":3,"failed_offset":1,"failed_limit":1,"total_failed":2}"""));
    }

    [Test]
    public async Task A_template_without_a_placeholder_is_sent_as_it_is()
    {
        await using var upstream = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);
        var finished = $"Classify the sentiment of: 这个产品很好 ({Guid.NewGuid():N})";
        var config = GatewayApi.OpenAiConfig(upstream, "finished-prompt");
        var taskId = $"finished_{Guid.NewGuid():N}";

        var jobId = await Gateway.SubmitAsync(new
        {
            tasks = new[] { new { id = taskId, content = "content that is not appended" } },
            ai_model_configs = new[] { JsonSerializerNode(config, "prompt_template", finished) },
        });
        var job = await Gateway.WaitForEndAsync(jobId, TimeSpan.FromMinutes(1));

        Assert.That(job["status"]!.GetValue<string>(), Is.EqualTo("completed"));
        Assert.That(upstream.Calls.Select(call => call.Prompt), Is.EqualTo(new[] { finished }));
    }

    [Test]
    public async Task Inline_tasks_and_new_fields_are_validated_in_the_seeds_error_shape()
    {
        var config = new { model_type = "openai", model_name = "m", api_key = "k", base_url = "http://127.0.0.1:9/v1/" };
        var both = await PostAsync(new { task_ids = new[] { "a" }, tasks = new[] { new { id = "a", content = "x" } }, ai_model_configs = new[] { config } });
        var noId = await PostAsync(new { tasks = new[] { new { content = "x" } }, ai_model_configs = new[] { config } });
        var noContent = await PostAsync(new { tasks = new[] { new { id = "a", content = " " } }, ai_model_configs = new[] { config } });
        var delay = await PostAsync(new { tasks = new[] { new { id = "a", content = "x" } }, ai_model_configs = new[] { config }, batch_config = new { retry_delay_seconds = 61 } });
        var ttl = await PostAsync(new { tasks = new[] { new { id = "a", content = "x" } }, ai_model_configs = new[] { new { config.model_type, config.model_name, config.api_key, config.base_url, cache_ttl = 0 } } });

        Assert.Multiple(() =>
        {
            Assert.That(both, Is.EqualTo("send either task_ids (imported tasks) or tasks (inline tasks), not both"));
            Assert.That(noId, Is.EqualTo("tasks[0].id is required: the results name each task by it"));
            Assert.That(noContent, Is.EqualTo("tasks[0].content is required"));
            Assert.That(delay, Is.EqualTo("batch_config.retry_delay_seconds must be between 0 and 60, got 61"));
            Assert.That(ttl, Does.StartWith("ai_model_configs[0].cache_ttl must be between 1 and "));
        });
    }

    private static JsonNode JsonSerializerNode(object value, string field, string replacement)
    {
        var node = System.Text.Json.JsonSerializer.SerializeToNode(value)!;
        node[field] = replacement;
        return node;
    }

    /// <summary>Submits a bad request and answers the seed's `message`, after checking it is a 400 in the seed's shape.</summary>
    private static async Task<string> PostAsync(object request)
    {
        using var response = await Gateway.PostAsJsonAsync("/api/v1/ai/predict/batch", request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body.ToJsonString());
        return body["message"]!.GetValue<string>();
    }
}
