namespace Platform.IntegrationTests.Inference;

/// <summary>Seed 001's error codes and statuses, in its error shape, on every `/inference` path.</summary>
public sealed class InferenceErrorTests
{
    private static HttpClient Gateway => PlatformFixture.Stack.Gateway;
    private static FakeOpenAiUpstream Upstream => InferenceFixture.Upstream;

    [Test]
    public async Task An_unknown_task_or_an_engine_that_cannot_run_the_task_is_unsupported()
    {
        var unknown = await Gateway.InferAsync(new { task = "speech-recognition", engine = "openai", model_name = "m", data = new { inputs = "x" } });
        var pair = await Gateway.InferAsync(new
        {
            task = "summarization", engine = "huggingface", model_name = "bert-base-uncased", data = new { inputs = "x" },
            options = new { api_key = "hf-key" },
        });

        unknown.AssertError(400, "UNSUPPORTED_TASK");
        Assert.That(unknown.Body["error"]!["type"]!.GetValue<string>(), Is.EqualTo("UnsupportedTaskError"));
        var error = pair.AssertError(400, "UNSUPPORTED_TASK");
        Assert.That(error["message"]!.GetValue<string>(), Does.Contain("huggingface"));
    }

    [Test]
    public async Task An_unknown_engine_or_local_model_is_not_found()
    {
        var engine = await Gateway.InferAsync(new { task = "text-generation", engine = "no-such-model", model_name = "x", data = new { inputs = "x" } });
        var local = await Gateway.InferAsync(new { task = "text-generation", engine = "local", model_name = "no-such-local", data = new { inputs = "x" } });

        Assert.That(engine.AssertError(404, "MODEL_NOT_FOUND")["type"]!.GetValue<string>(), Is.EqualTo("ModelNotFoundError"));
        local.AssertError(404, "MODEL_NOT_FOUND");
    }

    [TestCase("""{"task": "text-generation", "engine": "local", "model_name": "tiny", "data": {}}""", "data.inputs")]
    [TestCase("""{"task": "text-classification", "engine": "local", "model_name": "tiny", "data": {"inputs": "x"}}""", "options.labels")]
    [TestCase("""{"task": "chat", "engine": "local", "model_name": "tiny", "data": {"messages": [{"role": "robot", "content": "x"}]}}""", "data.messages[0].role")]
    [TestCase("""{"task": "text-generation", "engine": "local", "model_name": "tiny", "data": {"inputs": "x"}, "options": {"temperature": 5}}""", "options.temperature")]
    [TestCase("""{"task": "text-generation", "engine": "openai", "model_name": "gpt-4o-mini", "data": {"inputs": "x"}}""", "options.api_key")]
    [TestCase("""{"task": "text-generation", "model_name": "tiny", "data": {"inputs": "x"}}""", "engine")]
    [TestCase("""{"engine": "local", "model_name": "tiny", "data": {"inputs": "x"}}""", "task")]
    [TestCase("""{"task": "feature-extraction", "engine": "local", "model_name": "tiny", "data": {"inputs": ["a", 5]}}""", "data.inputs")]
    public async Task Invalid_input_names_the_field(string body, string field)
    {
        var answer = await Gateway.SendAsync(HttpMethod.Post, "/inference/infer", rawBody: body);

        var error = answer.AssertError(400, "INVALID_INPUT");
        Assert.That(error["details"]!["field"]!.GetValue<string>(), Is.EqualTo(field));
        Assert.That(error["message"]!.GetValue<string>(), Does.Contain(field.Split('[')[0].Split('.')[^1]));
    }

    [TestCase("/inference/infer", "{\"task\": ")]
    [TestCase("/inference/infer", """{"task": 5}""")]
    [TestCase("/inference/batch", """{"requests": "all"}""")]
    [TestCase("/inference/async", "not json")]
    [TestCase("/inference/models/preload", "[1, 2]")]
    public async Task Malformed_json_is_invalid_input(string path, string body)
    {
        var answer = await Gateway.SendAsync(HttpMethod.Post, path, rawBody: body);

        answer.AssertError(400, "INVALID_INPUT");
    }

    [Test]
    public async Task A_failing_provider_is_inference_failed_and_a_rate_limited_one_resource_exhausted_with_retry_after()
    {
        var failed = await Gateway.InferAsync(InferenceCalls.OpenAi(Upstream, "text-generation", "fail-errors-model", new { inputs = "x" }));
        var limited = await Gateway.InferAsync(InferenceCalls.OpenAi(Upstream, "text-generation", "limited-errors-model", new { inputs = "x" }));

        failed.AssertError(502, "INFERENCE_FAILED");
        limited.AssertError(429, "RESOURCE_EXHAUSTED");
        Assert.That(limited.Response.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(int.Parse(InferenceUpstream.RetryAfterSeconds, System.Globalization.CultureInfo.InvariantCulture))));
        Assert.That(limited.Body["error"]!["details"]!["retry_after"]!.GetValue<int>(), Is.EqualTo(7));
    }

    [Test]
    public async Task Unknown_paths_and_methods_under_inference_answer_in_the_seed_shape()
    {
        var path = await Gateway.ReadAsync("/inference/no-such-endpoint");
        var method = await Gateway.ReadAsync("/inference/infer");
        var asyncId = await Gateway.ReadAsync("/inference/async/no-such-request");

        path.AssertError(404, "NOT_FOUND");
        method.AssertError(405, "METHOD_NOT_ALLOWED");
        asyncId.AssertError(404, "NOT_FOUND");
    }

    [TestCase("", "max_cache_size")]
    [TestCase("?max_cache_size=0", "max_cache_size")]
    [TestCase("?max_cache_size=21", "max_cache_size")]
    [TestCase("?max_memory_gb=0.5", "max_memory_gb")]
    [TestCase("?max_memory_gb=100.5", "max_memory_gb")]
    [TestCase("?max_cache_size=ten", null)]
    public async Task Cache_limits_outside_the_seeds_ranges_are_refused(string query, string? field)
    {
        var answer = await Gateway.SendAsync(HttpMethod.Put, "/inference/cache/config" + query);

        var error = answer.AssertError(400, "INVALID_INPUT");
        if (field is not null)
        {
            Assert.That(error["details"]!["field"]!.GetValue<string>(), Is.EqualTo(field));
        }
    }

    [Test]
    public async Task Preloading_an_unknown_or_remote_model_is_refused()
    {
        var unknown = await Gateway.SendAsync(HttpMethod.Post, "/inference/models/preload", new { engine = "local", model_name = "no-such-local" });
        var remote = await Gateway.SendAsync(HttpMethod.Post, "/inference/models/preload", new { engine = "ollama", model_name = "llama2-7b" });
        var nameless = await Gateway.SendAsync(HttpMethod.Post, "/inference/models/preload", new { engine = "local" });

        unknown.AssertError(404, "MODEL_NOT_FOUND");
        remote.AssertError(400, "UNSUPPORTED_TASK");
        nameless.AssertError(400, "INVALID_INPUT");
    }
}
