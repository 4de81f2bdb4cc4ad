using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Http.Models;
using Platform.IntegrationTests.Infrastructure;
using Platform.Providers.Clients;
using Platform.Providers.Models;
using Platform.Providers.Prediction;
using Platform.Providers.Resilience;
using Platform.Providers.Routing;

namespace Platform.IntegrationTests.Transformer;

/// <summary>`model_type: local`: batch jobs run on the TransformerWorkers, interactive calls go through Platform.Providers.</summary>
public sealed class LocalModelTests
{
    private static RunningPlatform Stack => PlatformFixture.Stack;

    private static object LocalConfig(string modelName = RunningPlatform.LocalModelName) => new
    {
        model_type = "local",
        model_name = modelName,
        temperature = 0.2,
        max_tokens = 16,
        prompt_template = "情感分析，只输出 JSON：{content}",
    };

    [Test]
    public async Task A_batch_job_on_the_local_model_completes_with_every_task_answered()
    {
        var taskIds = await Stack.Gateway.ImportNumberedTasksAsync("local", 3);

        var jobId = await Stack.Gateway.SubmitAsync(new { task_ids = taskIds, ai_model_configs = new[] { LocalConfig() } });
        var job = await Stack.Gateway.WaitForEndAsync(jobId, TimeSpan.FromMinutes(2));

        Assert.That(job["status"]!.GetValue<string>(), Is.EqualTo("completed"), job.ToJsonString());
        Assert.That(job["successful_tasks"]!.GetValue<int>(), Is.EqualTo(3));
        var results = job["results"]!.AsArray();
        Assert.That(results.Select(result => result!["task_id"]!.GetValue<string>()), Is.EquivalentTo(taskIds));
        foreach (var result in results)
        {
            Assert.That((result!["status"]!.GetValue<string>(), result["model_type"]!.GetValue<string>(), result["model_name"]!.GetValue<string>()),
                Is.EqualTo(("completed", "local", "tiny")));
            Assert.That(result["raw_text"]!.GetValue<string>(), Is.Not.Empty);
        }
    }

    [Test]
    public async Task Local_items_show_in_the_usage_statistics_with_their_tokens_at_no_cost()
    {
        var before = await UsageOfLocalModelAsync();
        var taskIds = await Stack.Gateway.ImportNumberedTasksAsync("local-usage", 2);

        var job = await Stack.Gateway.WaitForEndAsync(
            await Stack.Gateway.SubmitAsync(new { task_ids = taskIds, ai_model_configs = new[] { LocalConfig() } }), TimeSpan.FromMinutes(2));

        Assert.That(job["successful_tasks"]!.GetValue<int>(), Is.EqualTo(2), job.ToJsonString());
        JsonNode? after = null;
        await GatewayApi.EventuallyAsync(() =>
        {
            after = UsageOfLocalModelAsync().GetAwaiter().GetResult();
            return after["requests"]!.GetValue<long>() >= before["requests"]!.GetValue<long>() + 2;
        }, TimeSpan.FromSeconds(30), "both items are in the usage statistics");
        Assert.That(after!["tokens"]!.GetValue<long>() - before["tokens"]!.GetValue<long>(), Is.GreaterThanOrEqualTo(2 * 16), "prompt and 16 generated tokens each");
        Assert.That(after["cost"]!.GetValue<decimal>(), Is.EqualTo(before["cost"]!.GetValue<decimal>()));
    }

    [Test]
    public async Task A_local_model_the_workers_do_not_serve_fails_its_items_with_a_clear_error()
    {
        var taskIds = await Stack.Gateway.ImportNumberedTasksAsync("local_unknown", 1);

        var jobId = await Stack.Gateway.SubmitAsync(new { task_ids = taskIds, ai_model_configs = new[] { LocalConfig("gpt-9") } });
        var job = await Stack.Gateway.WaitForEndAsync(jobId, TimeSpan.FromMinutes(1));

        Assert.That(job["failed_tasks"]!.GetValue<int>(), Is.EqualTo(1), job.ToJsonString());
        Assert.That(job["failed_tasks_details"]![0]!["error"]!.GetValue<string>(),
            Does.StartWith("local model 'gpt-9' is not served by this worker; it serves: ").And.Contain("tiny"));
    }

    [Test]
    public async Task A_base_url_for_the_local_model_type_is_refused_at_submission()
    {
        var taskIds = await Stack.Gateway.ImportNumberedTasksAsync("local_url", 1);
        var config = new { model_type = "local", model_name = "tiny", base_url = "http://127.0.0.1:1/v1" };

        using var response = await Stack.Gateway.PostAsJsonAsync("/api/v1/ai/predict/batch", new { task_ids = taskIds, ai_model_configs = new[] { config } });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("base_url is not accepted for model_type 'local'"));
    }

    [Test]
    public async Task Platform_providers_call_the_local_model_like_any_provider_whole_and_streamed()
    {
        await using var services = ProviderServices.Build(new Uri(Stack.TransformerWorkerUrls[0], "v1/"));
        var model = ModelConfigValidator.Resolve(new AiModelConfig { ModelType = "local", ModelName = "tiny", MaxTokens = 8 });

        var prediction = await services.GetRequiredService<Predictor>()
            .PredictAsync(RouteTarget.For(model), "很好用", new CallPolicy(0, TimeSpan.FromSeconds(30)), CallMode.Interactive, CancellationToken.None);

        Assert.That(prediction.AnsweredBy, Is.EqualTo("local/tiny"));
        Assert.That(prediction.CompletionTokens, Is.EqualTo(8));
        Assert.That(prediction.PromptTokens, Is.Positive);

        using var client = services.GetRequiredService<ChatClientFactory>().Create(model);
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "你好")]))
        {
            updates.Add(update);
        }

        Assert.That(updates.Count(update => update.Text.Length > 0), Is.GreaterThan(1), "the answer arrives in pieces");
        Assert.That(updates.Last(update => update.FinishReason is not null).FinishReason, Is.EqualTo(ChatFinishReason.Length));
    }

    [Test]
    public async Task Platform_providers_report_an_unknown_local_model_as_unavailable()
    {
        await using var services = ProviderServices.Build(new Uri(Stack.TransformerWorkerUrls[0], "v1/"));
        var model = ModelConfigValidator.Resolve(new AiModelConfig { ModelType = "local", ModelName = "gpt-9" });

        var failure = Assert.ThrowsAsync<PredictionFailedException>(() => services.GetRequiredService<Predictor>()
            .PredictAsync(RouteTarget.For(model), "很好用", new CallPolicy(0, TimeSpan.FromSeconds(30)), CallMode.Interactive, CancellationToken.None));

        Assert.That(failure!.Cause.ErrorCode, Is.EqualTo(ProviderErrorCode.ModelUnavailable));
        Assert.That(failure.Message, Does.Contain("The model 'gpt-9' does not exist on this worker"));
    }

    [Test]
    public async Task The_openai_compatible_endpoints_refuse_bad_requests_in_openai_error_shape()
    {
        using var worker = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = Stack.TransformerWorkerUrls[0] };

        using var noMessages = await worker.PostAsJsonAsync("/v1/chat/completions", new { model = "tiny", messages = Array.Empty<object>() });
        using var badTemperature = await worker.PostAsJsonAsync("/v1/completions", new { model = "tiny", prompt = "x", temperature = 3 });

        foreach (var (response, message) in new[] { (noMessages, "messages must be a non-empty array"), (badTemperature, "temperature must be between 0 and 2") })
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
            Assert.That(error["message"]!.GetValue<string>(), Is.EqualTo(message));
            Assert.That(error["type"]!.GetValue<string>(), Is.EqualTo("invalid_request_error"));
        }
    }

    /// <summary>The local model's line of today's usage statistics (zeros before its first call).</summary>
    private static async Task<JsonNode> UsageOfLocalModelAsync()
    {
        var usage = await Stack.Gateway.GetFromJsonAsync<JsonNode>($"/api/llm/stats/usage?model={RunningPlatform.LocalModelName}");
        return usage!["by_model"]![RunningPlatform.LocalModelName]?.DeepClone() ?? new JsonObject { ["requests"] = 0L, ["tokens"] = 0L, ["cost"] = 0m };
    }
}
