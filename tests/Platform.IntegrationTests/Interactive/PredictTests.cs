using System.Text.Json.Nodes;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Interactive;

/// <summary>Seed 000's `POST /api/v1/ai/predict`, answered by the Gateway through the router and the shared cache.</summary>
public sealed class PredictTests
{
    private static InteractiveGateway Stack => InteractiveFixture.Stack;

    private static object Config(string model, string? baseUrl = null) => new
    {
        model_type = "openai",
        model_name = model,
        api_key = "sk-upstream-secret",
        base_url = baseUrl ?? Stack.Upstream.BaseUrl.ToString(),
        temperature = 0.2,
        prompt_template = "情感分析，只输出 JSON：{content}",
    };

    [Test]
    public async Task Predicts_with_the_seed_shape_and_serves_the_repeat_from_the_cache()
    {
        var model = $"up-predict-{Guid.NewGuid():N}";
        var request = new { task_id = "550e8400-e29b-41d4-a716-446655440000", ai_model_config = Config(model), content = "今天天气真好，心情很愉快！" };

        var (firstStatus, first, _) = await Stack.PostAsync("/api/v1/ai/predict", request);
        var (secondStatus, second, _) = await Stack.PostAsync("/api/v1/ai/predict", request);

        Assert.That(firstStatus, Is.EqualTo(200), first.ToJsonString());
        Assert.That(first["task_id"]!.GetValue<string>(), Is.EqualTo("550e8400-e29b-41d4-a716-446655440000"));
        Assert.That(first["prediction_data"]!["sentiment"]!.GetValue<string>(), Is.EqualTo("positive"));
        Assert.That(first["confidence"]!.GetValue<double>(), Is.EqualTo(0.95));
        Assert.That(first["processing_time"]!.GetValue<double>(), Is.GreaterThanOrEqualTo(0));
        Assert.That(first["model_info"]!["model_type"]!.GetValue<string>(), Is.EqualTo("openai"));
        Assert.That(first["model_info"]!["model_name"]!.GetValue<string>(), Is.EqualTo(model));
        Assert.That(first["model_info"]!["version"], Is.Not.Null);
        Assert.That(first["cached"]!.GetValue<bool>(), Is.False);
        Assert.That(secondStatus, Is.EqualTo(200));
        Assert.That(second["cached"]!.GetValue<bool>(), Is.True);
        Assert.That(second["prediction_data"]!.ToJsonString(), Is.EqualTo(first["prediction_data"]!.ToJsonString()));
        Assert.That(Stack.Upstream.CallsFor(model), Is.EqualTo(1), "the repeat must not reach the model");
    }

    [Test]
    public async Task A_different_prompt_template_or_temperature_is_a_different_cache_entry()
    {
        var model = $"up-keys-{Guid.NewGuid():N}";
        var content = "The battery lasts two days.";

        await Stack.PostAsync("/api/v1/ai/predict", new { task_id = "k1", ai_model_config = Config(model), content });
        var (_, otherTemplate, _) = await Stack.PostAsync("/api/v1/ai/predict", new
        {
            task_id = "k2",
            ai_model_config = new { model_type = "openai", model_name = model, api_key = "k", base_url = Stack.Upstream.BaseUrl.ToString(), temperature = 0.2, prompt_template = "Classify: {content}" },
            content,
        });
        var (_, otherTemperature, _) = await Stack.PostAsync("/api/v1/ai/predict", new
        {
            task_id = "k3",
            ai_model_config = new { model_type = "openai", model_name = model, api_key = "k", base_url = Stack.Upstream.BaseUrl.ToString(), temperature = 0.9, prompt_template = "情感分析，只输出 JSON：{content}" },
            content,
        });

        Assert.That(otherTemplate["cached"]!.GetValue<bool>(), Is.False);
        Assert.That(otherTemperature["cached"]!.GetValue<bool>(), Is.False);
        Assert.That(Stack.Upstream.CallsFor(model), Is.EqualTo(3));
    }

    [Test]
    public async Task Without_content_the_stored_task_is_read_from_the_jobs_service()
    {
        var taskId = $"interactive_{Guid.NewGuid():N}";
        await PlatformFixture.Stack.Gateway.ImportTasksAsync([new { id = taskId, content = "stored review text 很好用" }]);
        var model = $"up-stored-{Guid.NewGuid():N}";

        var (status, body, _) = await Stack.PostAsync("/api/v1/ai/predict", new { task_id = taskId, ai_model_config = Config(model) });

        Assert.That(status, Is.EqualTo(200), body.ToJsonString());
        Assert.That(body["task_id"]!.GetValue<string>(), Is.EqualTo(taskId));
        var sent = Stack.Upstream.Calls.Single(call => call.Body["model"]?.GetValue<string>() == model);
        Assert.That(sent.Body["messages"]![0]!["content"]!.GetValue<string>(), Is.EqualTo("情感分析，只输出 JSON：stored review text 很好用"));
    }

    [Test]
    public async Task An_unknown_task_without_content_is_404()
    {
        var (status, body, _) = await Stack.PostAsync("/api/v1/ai/predict", new { task_id = "no-such-task-anywhere", ai_model_config = Config("up-chat") });

        Assert.That(status, Is.EqualTo(404));
        Assert.That(body["error"]!.GetValue<string>(), Is.EqualTo("Not Found"));
        Assert.That(body["message"]!.GetValue<string>(), Does.Contain("no-such-task-anywhere"));
    }

    [Test]
    public async Task Invalid_input_is_400_naming_every_field()
    {
        var (status, body, _) = await Stack.PostAsync("/api/v1/ai/predict", new
        {
            ai_model_config = new { model_type = "gpt-unknown", model_name = "x", temperature = 5 },
            content = "",
        });

        Assert.That(status, Is.EqualTo(400));
        Assert.That(body["error"]!.GetValue<string>(), Is.EqualTo("Invalid Request"));
        var errors = body["details"]!["errors"]!.AsArray().Select(error => error!.GetValue<string>()).ToList();
        Assert.That(errors, Has.Some.Contains("task_id"));
        Assert.That(errors, Has.Some.Contains("ai_model_config.model_type"));
        Assert.That(errors, Has.Some.Contains("ai_model_config.temperature"));
        Assert.That(errors, Has.Some.Contains("content"));
    }

    [Test]
    public async Task A_body_that_is_not_json_gets_the_seed_error_shape()
    {
        using var response = await Stack.Client.PostAsync("/api/v1/ai/predict", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.That((int)response.StatusCode, Is.EqualTo(400));
        Assert.That(body["error"]!.GetValue<string>(), Is.EqualTo("Invalid Request"));
    }

    [Test]
    public async Task An_upstream_429_is_quota_exceeded_with_retry_after()
    {
        var (status, body, response) = await Stack.PostAsync("/api/v1/ai/predict", new { task_id = "t", ai_model_config = Config("up-limited"), content = "x" });

        Assert.That(status, Is.EqualTo(429), body.ToJsonString());
        Assert.That(response.Headers.RetryAfter?.Delta, Is.InRange(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(InteractiveGateway.RetryAfterSeconds)), InteractiveGateway.BackOffNote);
        Assert.That(body["error"]!.GetValue<string>(), Is.EqualTo("Quota Exceeded"));
        Assert.That(body["message"]!.GetValue<string>(), Does.StartWith("API quota exceeded for model"));
        Assert.That(body["details"]!.AsObject().Select(field => field.Key), Is.SupersetOf(new[] { "quota_limit", "quota_used", "reset_time" }));
        Assert.That(body["details"]!["reset_time"]!.GetValue<DateTimeOffset>(), Is.GreaterThan(DateTimeOffset.UtcNow));
    }

    [Test]
    public async Task An_unreachable_model_is_503_model_unavailable()
    {
        var (status, body, _) = await Stack.PostAsync("/api/v1/ai/predict", new { task_id = "t", ai_model_config = Config("up-down"), content = "x" });

        Assert.That(status, Is.EqualTo(503), body.ToJsonString());
        Assert.That(body["error"]!.GetValue<string>(), Is.EqualTo("Model Unavailable"));
        Assert.That(body["message"]!.GetValue<string>(), Does.Contain("openai/up-down is not accessible"));
        Assert.That(body["details"]!["model_type"]!.GetValue<string>(), Is.EqualTo("openai"));
        Assert.That(body["details"]!["model_name"]!.GetValue<string>(), Is.EqualTo("up-down"));
        Assert.That(body["details"]!["error_code"]!.GetValue<string>(), Is.EqualTo("MODEL_UNAVAILABLE"));
        Assert.That(body.ToJsonString(), Does.Not.Contain("sk-upstream-secret"));
    }

    [Test]
    public async Task A_model_slower_than_the_timeout_is_request_timeout()
    {
        await using var hanging = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);
        hanging.Latency = TimeSpan.FromSeconds(30);

        var (status, body, _) = await Stack.PostAsync("/api/v1/ai/predict", new
        {
            task_id = "t",
            ai_model_config = Config("up-hanging", hanging.BaseUrl.ToString()),
            content = "x",
        });

        Assert.That(status, Is.EqualTo(504), body.ToJsonString());
        Assert.That(body["error"]!.GetValue<string>(), Is.EqualTo("Request Timeout"));
        Assert.That(body["message"]!.GetValue<string>(), Is.EqualTo($"Model request timed out after {InteractiveGateway.TimeoutSeconds} seconds"));
        Assert.That(body["details"]!["timeout"]!.GetValue<double>(), Is.EqualTo(InteractiveGateway.TimeoutSeconds));
        Assert.That(body["details"]!["model_info"]!["model_name"]!.GetValue<string>(), Is.EqualTo("up-hanging"));
    }
}
