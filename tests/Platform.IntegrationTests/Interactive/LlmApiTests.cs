using System.Text;
using System.Text.Json.Nodes;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Interactive;

/// <summary>Seed 003's generate, stream, health and stats endpoints on registered models.</summary>
public sealed class LlmApiTests
{
    private static InteractiveGateway Stack => InteractiveFixture.Stack;

    private static object Generate(string model, object? parameters = null) => new
    {
        model,
        messages = new[] { new { role = "system", content = "You annotate." }, new { role = "user", content = "你好，請介紹一下人工智能" } },
        parameters = parameters ?? new { temperature = 0.7, max_tokens = 1000, top_p = 0.9, stream = false },
    };

    [TestCase("/api/llm")]
    [TestCase("/api/v1/llm")]
    public async Task Generate_answers_with_usage_and_cost_at_the_deployments_prices(string prefix)
    {
        var (status, body, _) = await Stack.PostAsync($"{prefix}/generate", Generate("chat-model"));

        Assert.That(status, Is.EqualTo(200), body.ToJsonString());
        Assert.That(body["id"]!.GetValue<string>(), Does.StartWith("req_"));
        Assert.That(body["model"]!.GetValue<string>(), Is.EqualTo("chat-model"));
        var choice = body["choices"]![0]!;
        Assert.That(choice["index"]!.GetValue<int>(), Is.EqualTo(0));
        Assert.That(choice["message"]!["role"]!.GetValue<string>(), Is.EqualTo("assistant"));
        Assert.That(choice["message"]!["content"]!.GetValue<string>(), Is.EqualTo(FakeOpenAiUpstream.Answer));
        Assert.That(choice["finish_reason"]!.GetValue<string>(), Is.EqualTo("stop"));
        Assert.That(body["usage"]!["prompt_tokens"]!.GetValue<int>(), Is.EqualTo(FakeUpstream.PromptTokens));
        Assert.That(body["usage"]!["completion_tokens"]!.GetValue<int>(), Is.EqualTo(FakeUpstream.CompletionTokens));
        Assert.That(body["usage"]!["total_tokens"]!.GetValue<int>(), Is.EqualTo(FakeUpstream.PromptTokens + FakeUpstream.CompletionTokens));
        // 12 prompt tokens at $0.5 per 1K and 7 completion tokens at $1.5 per 1K.
        Assert.That(body["cost"]!["input_cost"]!.GetValue<decimal>(), Is.EqualTo(0.006m));
        Assert.That(body["cost"]!["output_cost"]!.GetValue<decimal>(), Is.EqualTo(0.0105m));
        Assert.That(body["cost"]!["total_cost"]!.GetValue<decimal>(), Is.EqualTo(0.0165m));

        var sent = Stack.Upstream.Calls.Last(call => call.Body["model"]?.GetValue<string>() == "up-chat");
        Assert.That(sent.Body["temperature"]!.GetValue<double>(), Is.EqualTo(0.7).Within(1e-6));
        Assert.That(sent.Body["top_p"]!.GetValue<double>(), Is.EqualTo(0.9).Within(1e-6));
        Assert.That(sent.Body["messages"]![0]!["role"]!.GetValue<string>(), Is.EqualTo("system"));
    }

    [Test]
    public async Task Generate_stream_sends_deltas_then_done()
    {
        using var response = await Stack.Client.SendAsync(InteractiveGateway.JsonRequest("/api/llm/generate/stream", Generate("chat-model", new { stream = true })),
            HttpCompletionOption.ResponseHeadersRead);
        var events = new List<string>();
        await foreach (var data in InteractiveGateway.ReadEventsAsync(response))
        {
            events.Add(data);
        }

        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/event-stream"));
        Assert.That(events[^1], Is.EqualTo("[DONE]"));
        var chunks = events[..^1].Select(data => JsonNode.Parse(data)!).ToList();
        Assert.That(chunks.Select(chunk => chunk["id"]!.GetValue<string>()).Distinct().Single(), Does.StartWith("stream_"));
        var text = string.Concat(chunks.Select(chunk => chunk["choices"]![0]!["delta"]!["content"]?.GetValue<string>()));
        Assert.That(text, Is.EqualTo(FakeOpenAiUpstream.Answer));
        Assert.That(chunks.Count(chunk => chunk["choices"]![0]!["delta"]!["content"] is not null), Is.GreaterThan(1), "the answer arrives in pieces");
        Assert.That(chunks[^1]["choices"]![0]!["finish_reason"]!.GetValue<string>(), Is.EqualTo("stop"));
        Assert.That(chunks[^1]["cost"]!["total_cost"]!.GetValue<decimal>(), Is.GreaterThan(0));
    }

    [Test]
    public async Task Closing_the_stream_cancels_the_upstream_call()
    {
        var upstream = Stack.SlowStreams["slow-sse"];
        var response = await Stack.Client.SendAsync(InteractiveGateway.JsonRequest("/api/llm/generate/stream", Generate("slow-sse")),
            HttpCompletionOption.ResponseHeadersRead);
        await using (var events = InteractiveGateway.ReadEventsAsync(response).GetAsyncEnumerator())
        {
            Assert.That(await events.MoveNextAsync(), Is.True);
            Assert.That(events.Current, Does.Contain("tick"));
        }

        response.Dispose();

        var observed = await Task.WhenAny(upstream.ClientAborted.Task, Task.Delay(TimeSpan.FromSeconds(20)));
        Assert.That(observed, Is.SameAs(upstream.ClientAborted.Task), "the upstream request was not dropped when the client left");
    }

    [Test]
    public async Task Generate_with_an_unknown_model_is_model_not_found()
    {
        var (status, body, _) = await Stack.PostAsync("/api/llm/generate", Generate("no-such-model"));

        Assert.That(status, Is.EqualTo(404));
        Assert.That(body["error"]!["code"]!.GetValue<string>(), Is.EqualTo("MODEL_NOT_FOUND"));
        Assert.That(body["error"]!["request_id"]!.GetValue<string>(), Does.StartWith("req_"));
    }

    [Test]
    public async Task Generate_with_bad_input_is_invalid_request_naming_the_field()
    {
        var (noMessages, noMessagesBody, _) = await Stack.PostAsync("/api/llm/generate", new { model = "chat-model", messages = Array.Empty<object>() });
        var (badTemperature, badTemperatureBody, _) = await Stack.PostAsync("/api/llm/generate", Generate("chat-model", new { temperature = 3 }));
        using var notJson = await Stack.Client.PostAsync("/api/llm/generate", new StringContent("[1,", Encoding.UTF8, "application/json"));

        Assert.That(noMessages, Is.EqualTo(400));
        Assert.That(noMessagesBody["error"]!["code"]!.GetValue<string>(), Is.EqualTo("INVALID_REQUEST"));
        Assert.That(noMessagesBody["error"]!["details"]!["field"]!.GetValue<string>(), Is.EqualTo("messages"));
        Assert.That(badTemperature, Is.EqualTo(400));
        Assert.That(badTemperatureBody["error"]!["details"]!["field"]!.GetValue<string>(), Is.EqualTo("parameters.temperature"));
        Assert.That((int)notJson.StatusCode, Is.EqualTo(400));
        Assert.That(JsonNode.Parse(await notJson.Content.ReadAsStringAsync())!["error"]!["code"]!.GetValue<string>(), Is.EqualTo("INVALID_REQUEST"));
    }

    [Test]
    public async Task A_rate_limited_model_is_429_with_retry_after()
    {
        var (status, body, response) = await Stack.PostAsync("/api/llm/generate", Generate("limited-model"));
        using var stream = await Stack.Client.SendAsync(InteractiveGateway.JsonRequest("/api/llm/generate/stream", Generate("limited-model")));

        Assert.That(status, Is.EqualTo(429), body.ToJsonString());
        Assert.That(response.Headers.RetryAfter?.Delta, Is.InRange(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(InteractiveGateway.RetryAfterSeconds)), InteractiveGateway.BackOffNote);
        Assert.That(body["error"]!["code"]!.GetValue<string>(), Is.EqualTo("RATE_LIMIT_EXCEEDED"));
        Assert.That(body["error"]!["details"]!["retry_after"]!.GetValue<int>(), Is.InRange(1, InteractiveGateway.RetryAfterSeconds), InteractiveGateway.BackOffNote);
        Assert.That((int)stream.StatusCode, Is.EqualTo(429), "a stream that fails before its first token fails with a status");
        Assert.That(stream.Headers.RetryAfter?.Delta, Is.InRange(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(InteractiveGateway.RetryAfterSeconds)), InteractiveGateway.BackOffNote);
    }

    [Test]
    public async Task An_unavailable_model_is_503()
    {
        var (status, body, _) = await Stack.PostAsync("/api/v1/llm/generate", Generate("down-model"));

        Assert.That(status, Is.EqualTo(503));
        Assert.That(body["error"]!["code"]!.GetValue<string>(), Is.EqualTo("MODEL_UNAVAILABLE"));
        Assert.That(body["error"]!["details"]!["model"]!.GetValue<string>(), Is.EqualTo("down-model"));
    }

    [Test]
    public async Task Health_counts_the_registered_models()
    {
        var health = await Stack.GetJsonAsync("/api/llm/health");
        // Other tests of this fixture make some models fail on purpose: those count as degraded, and so does the whole.
        var degraded = health["models"]!["degraded"]!.GetValue<int>();
        var unavailable = health["models"]!["unavailable"]!.GetValue<int>();

        Assert.That(health["status"]!.GetValue<string>(), Is.EqualTo(degraded + unavailable == 0 ? "healthy" : "degraded"));
        Assert.That(health["timestamp"]!.GetValue<DateTimeOffset>(), Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(5)));
        Assert.That(health["services"]!["llm_service"]!.GetValue<string>(), Is.EqualTo(degraded + unavailable == 0 ? "healthy" : "degraded"));
        Assert.That(health["services"]!["cost_tracker"]!.GetValue<string>(), Is.EqualTo("healthy"));
        // The seven declared here, and any another test registered in the shared database meanwhile.
        var served = (await Stack.GetJsonAsync("/api/llm/models"))["models"]!.AsArray().Count;
        Assert.That(served, Is.GreaterThanOrEqualTo(7));
        Assert.That(health["models"]!["available"]!.GetValue<int>(), Is.EqualTo(served));
        Assert.That(health["models"]!["healthy"]!.GetValue<int>() + degraded + unavailable, Is.EqualTo(served));
    }

    [Test]
    public async Task Calls_show_up_in_usage_and_performance_stats()
    {
        for (var call = 0; call < 3; call++)
        {
            var (status, _, _) = await Stack.PostAsync("/api/llm/generate", Generate("ledger-model"));
            Assert.That(status, Is.EqualTo(200));
        }

        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        JsonNode usage = null!;
        await GatewayApi.EventuallyAsync(() =>
        {
            usage = Stack.GetJsonAsync($"/api/llm/stats/usage?start_date={today}&end_date={today}&model=ledger-model").GetAwaiter().GetResult();
            return usage["total_requests"]!.GetValue<long>() >= 3;
        }, TimeSpan.FromSeconds(20), "three ledger-model calls are accounted");

        Assert.That(usage["period"]!["start"]!.GetValue<string>(), Is.EqualTo(today));
        Assert.That(usage["period"]!["end"]!.GetValue<string>(), Is.EqualTo(today));
        Assert.That(usage["total_requests"]!.GetValue<long>(), Is.EqualTo(3));
        Assert.That(usage["total_tokens"]!.GetValue<long>(), Is.EqualTo(3 * (FakeUpstream.PromptTokens + FakeUpstream.CompletionTokens)));
        Assert.That(usage["total_cost"]!.GetValue<decimal>(), Is.EqualTo(3 * 0.0165m));
        Assert.That(usage["by_model"]!["ledger-model"]!["requests"]!.GetValue<long>(), Is.EqualTo(3));
        Assert.That(usage["by_model"]!.AsObject().Count, Is.EqualTo(1), "the model filter applies");

        var performance = await Stack.GetJsonAsync("/api/v1/llm/stats/performance?model=ledger-model");
        Assert.That(performance["success_rate"]!.GetValue<double>(), Is.EqualTo(1));
        Assert.That(performance["error_rate"]!.GetValue<double>(), Is.EqualTo(0));
        Assert.That(performance["response_times"]!.AsObject().Select(field => field.Key), Is.EquivalentTo(new[] { "average_ms", "p50_ms", "p95_ms", "p99_ms" }));
        Assert.That(performance["throughput"]!["requests_per_minute"]!.GetValue<double>(), Is.EqualTo(0.05));
        Assert.That(performance["throughput"]!["tokens_per_minute"]!.GetValue<double>(), Is.EqualTo(0.95));
    }

    [Test]
    public async Task Failed_calls_count_against_the_success_rate()
    {
        await Stack.PostAsync("/api/llm/generate", Generate("down-model"));

        JsonNode performance = null!;
        await GatewayApi.EventuallyAsync(() =>
        {
            performance = Stack.GetJsonAsync("/api/llm/stats/performance?model=down-model&window_minutes=5").GetAwaiter().GetResult();
            return performance["error_rate"]!.GetValue<double>() > 0;
        }, TimeSpan.FromSeconds(20), "the failed call is accounted");

        Assert.That(performance["error_rate"]!.GetValue<double>(), Is.EqualTo(1));
    }

    [Test]
    public async Task Stats_reject_malformed_dates()
    {
        using var response = await Stack.Client.GetAsync("/api/llm/stats/usage?start_date=2025-13-01");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.That((int)response.StatusCode, Is.EqualTo(400));
        Assert.That(body["error"]!["code"]!.GetValue<string>(), Is.EqualTo("INVALID_REQUEST"));
        Assert.That(body["error"]!["details"]!["field"]!.GetValue<string>(), Is.EqualTo("start_date"));
    }
}
