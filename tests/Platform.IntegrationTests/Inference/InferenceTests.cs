using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Inference;

/// <summary>Seed 001's unified endpoint, its legacy twins and its descriptive endpoints, on a fake provider and the local transformer.</summary>
public sealed class InferenceTests
{
    private static HttpClient Gateway => PlatformFixture.Stack.Gateway;
    private static FakeOpenAiUpstream Upstream => InferenceFixture.Upstream;

    [Test]
    public async Task Text_generation_answers_its_result_who_answered_usage_and_timing_and_never_the_key()
    {
        var answer = await Gateway.InferAsync(InferenceCalls.OpenAi(Upstream, "text-generation", "gen-model", new { inputs = "Hello" }));

        var body = answer.AssertOk();
        Assert.That(body["task"]!.GetValue<string>(), Is.EqualTo("text-generation"));
        Assert.That(body["engine"]!.GetValue<string>(), Is.EqualTo("openai"));
        Assert.That(body["model_name"]!.GetValue<string>(), Is.EqualTo("gen-model"));
        Assert.That(body["result"]!["generated_text"]!.GetValue<string>(), Is.EqualTo(FakeOpenAiUpstream.Answer));
        Assert.That(body["answered_by"]!["engine"]!.GetValue<string>(), Is.EqualTo("openai"));
        Assert.That(body["answered_by"]!["model_name"]!.GetValue<string>(), Is.EqualTo("gen-model"));
        Assert.That(body["usage"]!["prompt_tokens"]!.GetValue<int>(), Is.EqualTo(FakeUpstream.PromptTokens));
        Assert.That(body["usage"]!["completion_tokens"]!.GetValue<int>(), Is.EqualTo(FakeUpstream.CompletionTokens));
        Assert.That(body["usage"]!["total_tokens"]!.GetValue<int>(), Is.EqualTo(FakeUpstream.PromptTokens + FakeUpstream.CompletionTokens));
        Assert.That(body["timing"]!["processing_time"]!.GetValue<double>(), Is.GreaterThan(0));
        Assert.That(body["timing"]!["model_time"]!.GetValue<double>(), Is.GreaterThan(0));
        Assert.That(body.ToJsonString(), Does.Not.Contain("sk-inference-secret"));
        var sent = Upstream.Calls.Last(call => call.Body["model"]!.GetValue<string>() == "gen-model");
        Assert.That(sent.Body["messages"]![0]!["content"]!.GetValue<string>(), Is.EqualTo("Hello"));
    }

    [TestCase("chat", """{"messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "你好"}]}""", null, "message.content")]
    [TestCase("text-classification", """{"inputs": "great phone"}""", """{"labels": ["positive", "negative"]}""", "label")]
    [TestCase("sentiment-analysis", """{"inputs": "这个产品很好用"}""", null, "label")]
    [TestCase("summarization", """{"inputs": "A long text about annotation."}""", null, "summary_text")]
    [TestCase("translation", """{"inputs": "早上好"}""", """{"target_language": "French"}""", "translation_text")]
    public async Task Every_text_task_runs_on_a_provider(string task, string data, string? options, string resultPath)
    {
        var answer = await Gateway.InferAsync(InferenceCalls.OpenAi(Upstream, task, $"{task}-model", JsonNode.Parse(data)!,
            options is null ? null : JsonNode.Parse(options)));

        var result = answer.AssertOk()["result"]!;
        var value = resultPath.Split('.').Aggregate(result, (node, key) => node[key]!);
        Assert.That(value.GetValue<string>(), resultPath == "label" ? Is.EqualTo("positive") : Is.EqualTo(FakeOpenAiUpstream.Answer));
        if (resultPath == "label")
        {
            Assert.That(result["score"]!.GetValue<double>(), Is.EqualTo(0.95).Within(1e-9));
        }

        var sent = Upstream.Calls.Last(call => call.Body["model"]!.GetValue<string>() == $"{task}-model");
        if (task == "translation")
        {
            Assert.That(sent.Body["messages"]![0]!["content"]!.GetValue<string>(), Does.Contain("into French"));
        }
    }

    [TestCase("text-generation", "generated_text")]
    [TestCase("chat", "message")]
    [TestCase("text-classification", "label")]
    [TestCase("sentiment-analysis", "label")]
    [TestCase("summarization", "summary_text")]
    [TestCase("translation", "translation_text")]
    public async Task Every_text_task_runs_on_the_local_transformer(string task, string resultKey)
    {
        object data = task == "chat" ? new { messages = new[] { new { role = "user", content = "hello" } } } : new { inputs = "hello there" };
        var answer = await Gateway.InferAsync(InferenceCalls.Local(task, data,
            task == "text-classification" ? new { labels = new[] { "a", "b" }, max_tokens = 8 } : null));

        var body = answer.AssertOk();
        Assert.That(body["result"]![resultKey], Is.Not.Null, body.ToJsonString());
        Assert.That(body["answered_by"]!["engine"]!.GetValue<string>(), Is.EqualTo("local"));
        Assert.That(body["usage"]!["completion_tokens"]!.GetValue<int>(), Is.InRange(1, 8));
    }

    [Test]
    public async Task Feature_extraction_uses_the_local_transformers_hidden_states()
    {
        var answer = await Gateway.InferAsync(InferenceCalls.Local("feature-extraction", new { inputs = new[] { "first text", "second" } }));

        var result = answer.AssertOk()["result"]!;
        Assert.That(result["dimensions"]!.GetValue<int>(), Is.EqualTo(64), "n_embed of the fixture's tiny model");
        Assert.That(result["embeddings"]!.AsArray(), Has.Count.EqualTo(2));
        Assert.That(result["embeddings"]![0]!.AsArray(), Has.Count.EqualTo(64));
        Assert.That(result["embeddings"]![0]!.ToJsonString(), Is.Not.EqualTo(result["embeddings"]![1]!.ToJsonString()));
    }

    [Test]
    public async Task Feature_extraction_uses_a_providers_embeddings_api()
    {
        var answer = await Gateway.InferAsync(InferenceCalls.OpenAi(Upstream, "feature-extraction", "embed-model", new { inputs = new[] { "hello", "abc" } }));

        var body = answer.AssertOk();
        Assert.That(body["result"]!["embeddings"]!.ToJsonString(), Is.EqualTo("[[5,0.5,-0.5],[3,0.5,-0.5]]"));
        Assert.That(body["usage"]!["prompt_tokens"]!.GetValue<int>(), Is.EqualTo(FakeUpstream.PromptTokens));
        Assert.That(Upstream.Calls.Last().Path, Is.EqualTo("/v1/embeddings"));
    }

    [Test]
    public async Task A_registered_model_is_an_engine_by_its_name_and_by_its_kind_and_model_name()
    {
        await using var upstream = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);
        await Models.RegistryApi.CreateModelAsync(Gateway, "inference-registered", upstream, "sk-registered-secret");

        var byName = await Gateway.InferAsync(new { task = "summarization", engine = "inference-registered", data = new { inputs = "a text" } });
        var byKind = await Gateway.InferAsync(new { task = "summarization", engine = "openai", model_name = "inference-registered", data = new { inputs = "a text" } });

        foreach (var answer in (InferenceAnswer[])[byName, byKind])
        {
            var body = answer.AssertOk();
            Assert.That(body["answered_by"]!["deployment"]!.GetValue<string>(), Does.Not.StartWith("adhoc:"), "the registry's deployment answered");
            Assert.That(body["result"]!["summary_text"]!.GetValue<string>(), Is.EqualTo(FakeAnswers.Annotation));
        }

        Assert.That(upstream.Calls.Select(call => call.Authorization), Has.All.EqualTo("Bearer sk-registered-secret"));
        Assert.That(upstream.Calls, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task The_legacy_infer_fixed_answers_like_infer()
    {
        var answer = await Gateway.InferAsync(InferenceCalls.OpenAi(Upstream, "text-generation", "fixed-model", new { inputs = "Hi" }), "/inference/infer_fixed");

        Assert.That(answer.AssertOk()["result"]!["generated_text"]!.GetValue<string>(), Is.EqualTo(FakeOpenAiUpstream.Answer));
    }

    [Test]
    public async Task Multimodal_sends_text_and_images_to_a_vision_engine_and_refuses_engines_without_images()
    {
        const string png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
        var images = new[] { "https://example.com/cat.png", png };

        var answer = await Gateway.InferAsync(InferenceCalls.OpenAi(Upstream, "image-to-text", "vision-model", new { inputs = "What is this?", images }),
            "/inference/infer_multimodal");
        var refused = await Gateway.InferAsync(InferenceCalls.Local("image-to-text", new { inputs = "What is this?", images }), "/inference/infer_multimodal");

        Assert.That(answer.AssertOk()["result"]!["generated_text"]!.GetValue<string>(), Is.EqualTo(FakeOpenAiUpstream.Answer));
        var parts = Upstream.Calls.Last(call => call.Body["model"]!.GetValue<string>() == "vision-model").Body["messages"]![0]!["content"]!.AsArray();
        Assert.That(parts.Select(part => part!["type"]!.GetValue<string>()), Is.EqualTo(new[] { "text", "image_url", "image_url" }));
        Assert.That(parts[1]!["image_url"]!["url"]!.GetValue<string>(), Is.EqualTo("https://example.com/cat.png"));
        Assert.That(parts[2]!["image_url"]!["url"]!.GetValue<string>(), Is.EqualTo("data:image/png;base64," + png));
        var error = refused.AssertError(400, "UNSUPPORTED_TASK");
        Assert.That(error["details"]!["supported_engines"]!.AsArray().Select(engine => engine!.GetValue<string>()), Does.Contain("openai").And.Not.Contain("local"));
    }

    [Test]
    public async Task Supported_tasks_are_data_naming_the_engines_of_each_task()
    {
        var tasks = (await Gateway.ReadAsync("/inference/supported-tasks")).AssertOk()["supported_tasks"]!;

        string[] Engines(string task) => [.. tasks[task]!.AsArray().Select(engine => engine!.GetValue<string>())];
        Assert.That(tasks.AsObject().Select(task => task.Key), Is.SupersetOf(new[]
        {
            "text-generation", "chat", "text-classification", "sentiment-analysis", "summarization", "translation", "feature-extraction", "image-to-text",
        }));
        Assert.That(Engines("text-generation"), Is.SupersetOf(new[] { "openai", "zhipu_glm", "ollama", "anthropic", "local" }).And.Not.Contain("huggingface"));
        Assert.That(Engines("text-classification"), Does.Contain("huggingface"));
        Assert.That(Engines("feature-extraction"), Does.Contain("local").And.Contain("ollama").And.Not.Contain("anthropic"));
    }

    [Test]
    public async Task Every_local_example_runs_as_it_is()
    {
        var examples = (await Gateway.ReadAsync("/inference/examples")).AssertOk()["examples"]!.AsArray();

        Assert.That(examples.Select(example => example!["task"]!.GetValue<string>()), Does.Contain("feature-extraction").And.Contain("image-to-text"));
        foreach (var example in examples.Where(example => example!["request"]!["engine"]!.GetValue<string>() == "local"))
        {
            var answer = await Gateway.InferAsync(example!["request"]!);
            answer.AssertOk();
            Assert.That(example["curl"]!.GetValue<string>(), Does.StartWith("curl -X POST http://localhost:8009/inference/infer"));
        }
    }

    [Test]
    public async Task Health_names_each_component_and_its_state()
    {
        var body = (await Gateway.ReadAsync("/inference/health")).AssertOk();

        Assert.That(body["status"]!.GetValue<string>(), Is.EqualTo("healthy"), body.ToJsonString());
        Assert.That(body["components"]!["transformer_worker"]!["replicas"]!.GetValue<int>(), Is.EqualTo(RunningPlatform.WorkerReplicas));
        Assert.That(body["components"]!["jobs"]!["status"]!.GetValue<string>(), Is.EqualTo("healthy"));
    }

    [Test]
    public async Task Stats_count_requests_and_errors_by_task_and_engine_and_show_the_cache()
    {
        var before = (await Gateway.ReadAsync("/inference/stats")).AssertOk()["stats"]!;
        await Gateway.InferAsync(InferenceCalls.OpenAi(Upstream, "summarization", "stats-model", new { inputs = "text" }));
        await Gateway.InferAsync(InferenceCalls.OpenAi(Upstream, "summarization", "fail-stats-model", new { inputs = "text" }));

        var after = (await Gateway.ReadAsync("/inference/stats")).AssertOk()["stats"]!;
        long Count(JsonNode stats, string path) => path.Split('.').Aggregate((JsonNode?)stats, (node, key) => node?[key])?.GetValue<long>() ?? 0;
        Assert.That(Count(after, "by_task.summarization.requests") - Count(before, "by_task.summarization.requests"), Is.EqualTo(2));
        Assert.That(Count(after, "by_task.summarization.errors") - Count(before, "by_task.summarization.errors"), Is.EqualTo(1));
        Assert.That(Count(after, "by_engine.openai.requests") - Count(before, "by_engine.openai.requests"), Is.EqualTo(2));
        Assert.That(after["average_latency_ms"]!.GetValue<double>(), Is.GreaterThan(0));
        Assert.That(after["cache"]!["replicas"]!.GetValue<int>(), Is.EqualTo(RunningPlatform.WorkerReplicas));
    }

    [Test]
    public async Task Usage_is_recorded_like_every_other_call()
    {
        (await Gateway.InferAsync(InferenceCalls.OpenAi(Upstream, "text-generation", "usage-model", new { inputs = "count me" }))).AssertOk();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        JsonNode? usage;
        do
        {
            await Task.Delay(500);
            usage = (await Gateway.GetFromJsonAsync<JsonNode>("/api/llm/stats/usage?model=usage-model"))!["by_model"]!["usage-model"];
        }
        while (usage is null && DateTime.UtcNow < deadline);

        Assert.That(usage, Is.Not.Null, "the call's usage record reached the llm database");
        Assert.That(usage!["requests"]!.GetValue<long>(), Is.EqualTo(1));
        Assert.That(usage["tokens"]!.GetValue<long>(), Is.EqualTo(FakeUpstream.PromptTokens + FakeUpstream.CompletionTokens));
    }
}
