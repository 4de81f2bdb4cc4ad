using System.Net;
using System.Text.Json.Nodes;
using static Platform.IntegrationTests.Transformer.TransformerCalls;

namespace Platform.IntegrationTests.Transformer;

/// <summary>Seed 002's transformer API through the Gateway, as its clients call it.</summary>
public sealed class TransformerApiTests
{
    private static HttpClient Gateway => PlatformFixture.Stack.Gateway;

    [Test]
    public async Task Initialize_answers_every_config_field_with_the_defaults_filled_in()
    {
        var body = await Gateway.InitializeOkAsync("""{"n_layer": 2, "n_head": 4, "n_embed": 64, "vocab_size": 512, "use_sparse_attention": true}""");

        Assert.That(body["success"]!.GetValue<bool>(), Is.True);
        Assert.That(body["message"]!.GetValue<string>(), Is.EqualTo("模型初始化成功"));
        var config = body["config"]!.AsObject();
        Assert.That(config.Select(field => field.Key), Is.SupersetOf(new[]
        {
            "vocab_size", "context_size", "n_layer", "n_head", "n_embed", "dropout", "bias", "ffn_hidden_multiplier",
            "use_sparse_attention", "use_moe", "moe_num_experts", "moe_top_k", "moe_activation", "moe_dropout", "device",
        }));
        Assert.That(config["n_layer"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(config["use_sparse_attention"]!.GetValue<bool>(), Is.True);
        Assert.That(config["context_size"]!.GetValue<int>(), Is.EqualTo(1024));
        Assert.That(config["dropout"]!.GetValue<double>(), Is.EqualTo(0.1));
        Assert.That(config["moe_activation"]!.GetValue<string>(), Is.EqualTo("gelu"));
        Assert.That(config["moe_dropout"], Is.Null);
        Assert.That(config["device"]!.GetValue<string>(), Is.EqualTo("cpu"));
    }

    [Test]
    public async Task Forward_answers_the_logits_shape_and_the_captured_internals()
    {
        await Gateway.InitializeOkAsync(SmallMoeConfig);
        const string text = "深度学习是人工智能的重要分支"; // 14 characters, 42 UTF-8 bytes: one token each without GPT-2's vocabulary files

        var (status, body) = await Gateway.ForwardAsync(new { text, capture_data = true });

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        Assert.That(body["success"]!.GetValue<bool>(), Is.True);
        Assert.That(body["message"]!.GetValue<string>(), Is.EqualTo("前向传播完成"));
        Assert.That(Ints(body["logits_shape"]), Is.EqualTo(new[] { 1, 42, 512 }));
        Assert.That(body["sequence_length"]!.GetValue<int>(), Is.EqualTo(42));
        Assert.That(body["processing_time"]!.GetValue<double>(), Is.Positive);
        var captured = body["captured_data"]!;
        Assert.That(Ints(captured["embeddings"]!["token_embeddings"]!["shape"]), Is.EqualTo(new[] { 1, 42, 64 }));
        var layers = captured["layers"]!.AsArray();
        Assert.That(layers.Select(layer => layer!["layer_idx"]!.GetValue<int>()), Is.EqualTo(new[] { 0, 1 }));
        Assert.That(Ints(layers[0]!["attention"]!["attn_weights_shape"]), Is.EqualTo(new[] { 1, 4, 42, 42 }));
        var usage = layers[0]!["moe"]!["expert_usage"]!.AsArray().Select(value => value!.GetValue<double>()).ToList();
        Assert.That(usage, Has.Count.EqualTo(4));
        Assert.That(usage.Sum(), Is.EqualTo(1).Within(1e-9));
        Assert.That(captured["performance"]!["memory_usage"]!.GetValue<double>(), Is.Positive);
    }

    [Test]
    public async Task Forward_without_capture_has_null_captured_data_and_max_length_cuts_the_sequence()
    {
        await Gateway.InitializeOkAsync(SmallMoeConfig);

        var (status, body) = await Gateway.ForwardAsync(new { text = new string('a', 100), max_length = 10 });

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        Assert.That(body.AsObject().ContainsKey("captured_data"), Is.True);
        Assert.That(body["captured_data"], Is.Null);
        Assert.That(body["sequence_length"]!.GetValue<int>(), Is.EqualTo(10));
        Assert.That(Ints(body["logits_shape"]), Is.EqualTo(new[] { 1, 10, 512 }));
    }

    [Test]
    public async Task Status_reports_the_model_its_size_and_inference_statistics()
    {
        await Gateway.InitializeOkAsync(SmallMoeConfig);
        var before = (await Gateway.GetJsonAsync("/api/v1/status"))["performance_stats"]!["total_inferences"]!.GetValue<long>();
        await Gateway.ForwardAsync(new { text = "hello" });

        var status = await Gateway.GetJsonAsync("/api/v1/status");

        Assert.That(status["initialized"]!.GetValue<bool>(), Is.True);
        Assert.That(status["device"]!.GetValue<string>(), Is.EqualTo("cpu"));
        Assert.That(status["config"]!["use_moe"]!.GetValue<bool>(), Is.True);
        var info = status["model_info"]!;
        var parameters = info["total_parameters"]!.GetValue<long>();
        // wte 512×64 + wpe 1024×64 + 2 layers of attention, LayerNorms and 4 experts' MLPs with a router, + ln_f.
        Assert.That(parameters, Is.EqualTo(512 * 64 + 1024 * 64 + 2 * (2 * 2 * 64 + (64 * 192 + 192) + (64 * 64 + 64) + 64 * 4 + 4 * (64 * 256 + 256 + 256 * 64 + 64)) + 2 * 64));
        Assert.That(info["model_size_mb"]!.GetValue<double>(), Is.EqualTo(Math.Round(parameters * 4 / 1048576.0, 1)));
        Assert.That(info["device_memory_mb"]!.GetValue<double>(), Is.Zero);
        var stats = status["performance_stats"]!;
        Assert.That(stats["total_inferences"]!.GetValue<long>(), Is.EqualTo(before + 1));
        Assert.That(stats["last_inference_time"]!.GetValue<double>(), Is.Positive);
        Assert.That(stats["average_inference_time"]!.GetValue<double>(), Is.Positive);
    }

    [Test]
    public async Task Health_reports_model_memory_and_disk_checks_and_ping_answers_pong()
    {
        await Gateway.InitializeOkAsync(SmallMoeConfig);

        var health = await Gateway.GetJsonAsync("/api/v1/health/health");
        var ping = await Gateway.GetJsonAsync("/api/v1/health/ping");

        Assert.That(health["status"]!.GetValue<string>(), Is.AnyOf("healthy", "degraded"));
        Assert.That(health["version"]!.GetValue<string>(), Is.EqualTo("1.0.0"));
        var checks = health["checks"]!;
        Assert.That(checks["model"]!["status"]!.GetValue<string>(), Is.EqualTo("healthy"));
        Assert.That(checks["model"]!["initialized"]!.GetValue<bool>(), Is.True);
        Assert.That(checks["model"]!["device"]!.GetValue<string>(), Is.EqualTo("cpu"));
        foreach (var (check, used, available) in new[] { ("memory", "used_mb", "available_mb"), ("disk", "used_gb", "available_gb") })
        {
            var node = checks[check]!;
            Assert.That(node["status"]!.GetValue<string>(), Is.AnyOf("healthy", "degraded", "unhealthy"), check);
            Assert.That(node[used]!.GetValue<double>(), Is.Positive, check);
            Assert.That(node[available]!.GetValue<double>(), Is.Positive, check);
            Assert.That(node["usage_percent"]!.GetValue<double>(), Is.InRange(0, 100), check);
        }

        Assert.That(ping["message"]!.GetValue<string>(), Is.EqualTo("PONG"));
        Assert.That(ping["timestamp"]!.GetValue<string>(), Does.EndWith("Z"));
    }

    [TestCase("", "输入文本不能为空")]
    [TestCase(null, "输入文本不能为空")]
    public async Task An_empty_text_is_INVALID_INPUT(string? text, string detail)
    {
        var answer = await Gateway.ForwardAsync(new { text });

        AssertError(answer, HttpStatusCode.BadRequest, "INVALID_INPUT");
        Assert.That(answer.Detail(), Is.EqualTo(detail));
    }

    [Test]
    public async Task Out_of_range_text_and_max_length_and_a_body_that_is_not_json_are_INVALID_INPUT()
    {
        var tooLong = await Gateway.ForwardAsync(new { text = new string('字', 10_001) });
        AssertError(tooLong, HttpStatusCode.BadRequest, "INVALID_INPUT");
        Assert.That(tooLong.Detail(), Does.Contain("10001").And.Contain("10000"));

        foreach (var maxLength in new[] { 0, 4097 })
        {
            var answer = await Gateway.ForwardAsync(new { text = "hi", max_length = maxLength });
            AssertError(answer, HttpStatusCode.BadRequest, "INVALID_INPUT");
            Assert.That(answer.Detail(), Does.StartWith("max_length 必须在 1 到 4096 之间"));
        }

        using var notJson = await Gateway.PostAsync("/api/v1/forward", new StringContent("{\"text\": 5}", System.Text.Encoding.UTF8, "application/json"));
        AssertError((notJson.StatusCode, JsonNode.Parse(await notJson.Content.ReadAsStringAsync())!), HttpStatusCode.BadRequest, "INVALID_INPUT");
    }

    [Test]
    public async Task A_sequence_longer_than_the_context_is_SEQUENCE_TOO_LONG_in_the_seeds_words()
    {
        await Gateway.InitializeOkAsync(SmallMoeConfig); // context_size 1024

        var answer = await Gateway.ForwardAsync(new { text = new string('a', 3000), max_length = 2048 });

        AssertError(answer, HttpStatusCode.BadRequest, "SEQUENCE_TOO_LONG");
        Assert.That(answer.Detail(), Is.EqualTo("输入序列长度 2048 超过了模型最大长度 1024"));
    }

    [Test]
    public async Task A_forward_pass_the_engine_cannot_run_is_INFERENCE_ERROR()
    {
        // A vocabulary smaller than the tokenizer's: the byte of "~" (126) is no token of this model.
        await Gateway.InitializeOkAsync("""{"vocab_size": 100, "n_layer": 1, "n_head": 2, "n_embed": 32, "context_size": 64}""");

        var answer = await Gateway.ForwardAsync(new { text = "~" });

        AssertError(answer, HttpStatusCode.InternalServerError, "INFERENCE_ERROR");
        Assert.That(answer.Detail(), Does.StartWith("推理失败").And.Contain("[0, 100)"));
    }

    [TestCase("""{"n_embed": 100, "n_head": 12}""", "n_embed (100) must be divisible by n_head (12)")]
    [TestCase("""{"n_layer": 0}""", "n_layer (0) must be positive")]
    [TestCase("""{"n_layers": 2}""", "n_layers")]
    [TestCase("""{"n_layer": 2""", "invalid config JSON")]
    [TestCase("""{"device": "cuda"}""", "this build has no GPU backend")]
    public async Task An_invalid_config_is_CONFIG_ERROR_naming_the_problem(string config, string problem)
    {
        var answer = await Gateway.InitializeAsync(config);

        AssertError(answer, HttpStatusCode.BadRequest, "CONFIG_ERROR");
        Assert.That(answer.Detail(), Does.StartWith("配置参数无效: ").And.Contain(problem));
    }

    [Test]
    public async Task A_model_too_large_for_the_model_cache_is_CONFIG_ERROR()
    {
        // The test workers may hold 1 GB of models; this config (GPT-2 large) needs about 3 GB.
        var answer = await Gateway.InitializeAsync("""{"n_layer": 36, "n_embed": 1280, "n_head": 20}""");

        AssertError(answer, HttpStatusCode.BadRequest, "CONFIG_ERROR");
        Assert.That(answer.Detail(), Does.Contain("more than the model cache's memory limit"));
    }

    private static int[] Ints(JsonNode? array) => array!.AsArray().Select(value => value!.GetValue<int>()).ToArray();
}
