using System.Text.Json.Nodes;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Inference;

/// <summary>`POST /inference/async` and `GET /inference/async/{id}`, run by the Jobs service and the workers.</summary>
public sealed class InferenceAsyncTests
{
    private static RunningPlatform Stack => PlatformFixture.Stack;

    [Test]
    public async Task An_async_request_answers_an_id_at_once_and_its_result_later()
    {
        var submitted = await Stack.Gateway.SendAsync(HttpMethod.Post, "/inference/async",
            InferenceCalls.OpenAi(InferenceFixture.Upstream, "text-classification", "async-model", new { inputs = "great" }, new { labels = new[] { "positive", "negative" } }));

        Assert.That(submitted.Status, Is.EqualTo(202), submitted.Body.ToJsonString());
        var id = submitted.Body["request_id"]!.GetValue<string>();
        Assert.That(submitted.Body["status_url"]!.GetValue<string>(), Is.EqualTo($"/inference/async/{id}"));
        var done = await WaitForEndAsync(id, TimeSpan.FromSeconds(60));
        Assert.That(done["status"]!.GetValue<string>(), Is.EqualTo("completed"), done.ToJsonString());
        Assert.That(done["task"]!.GetValue<string>(), Is.EqualTo("text-classification"));
        Assert.That(done["result"]!["label"]!.GetValue<string>(), Is.EqualTo("positive"));
        Assert.That(done.ToJsonString(), Does.Not.Contain("sk-inference-secret"));
    }

    [Test]
    public async Task A_failed_async_request_carries_the_seeds_error()
    {
        var submitted = await Stack.Gateway.SendAsync(HttpMethod.Post, "/inference/async",
            InferenceCalls.OpenAi(InferenceFixture.Upstream, "text-generation", "fail-async-model", new { inputs = "x" }));

        var done = await WaitForEndAsync(submitted.Body["request_id"]!.GetValue<string>(), TimeSpan.FromSeconds(90));

        Assert.That(done["status"]!.GetValue<string>(), Is.EqualTo("failed"), done.ToJsonString());
        Assert.That(done["error"]!["code"]!.GetValue<string>(), Is.EqualTo("INFERENCE_FAILED"));
        Assert.That(done["error"]!["type"]!.GetValue<string>(), Is.Not.Empty);
    }

    [Test]
    public async Task An_async_request_survives_a_restart_of_the_worker_running_it()
    {
        await using var upstream = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);
        upstream.Latency = TimeSpan.FromSeconds(3);
        var submitted = await Stack.Gateway.SendAsync(HttpMethod.Post, "/inference/async", new
        {
            task = "text-generation", engine = "openai", model_name = "async-restart-model", data = new { inputs = "survive" },
            options = new { api_key = "sk-test-key", base_url = upstream.BaseUrl.ToString() },
        });
        var id = submitted.Body["request_id"]!.GetValue<string>();
        await GatewayApi.EventuallyAsync(() => upstream.InFlight > 0, TimeSpan.FromSeconds(30), "a worker is running the request");

        foreach (var worker in Stack.Workers)
        {
            worker.Kill();
        }

        Stack.Workers.Clear();
        var running = (await Stack.Gateway.ReadAsync($"/inference/async/{id}")).AssertOk();
        for (var replica = 0; replica < RunningPlatform.WorkerReplicas; replica++)
        {
            await Stack.StartWorkerAsync();
        }

        var done = await WaitForEndAsync(id, TimeSpan.FromSeconds(90));
        Assert.That(running["status"]!.GetValue<string>(), Is.EqualTo("running"));
        Assert.That(done["status"]!.GetValue<string>(), Is.EqualTo("completed"), done.ToJsonString());
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(done["result"]!["generated_text"]!.GetValue<string>()), JsonNode.Parse(FakeAnswers.Annotation)),
            done.ToJsonString());
        Assert.That(upstream.Calls.Count, Is.GreaterThanOrEqualTo(2), "the request ran again after the worker died");
    }

    [Test]
    public async Task Tasks_answered_synchronously_only_are_refused()
    {
        var answer = await Stack.Gateway.SendAsync(HttpMethod.Post, "/inference/async",
            InferenceCalls.Local("feature-extraction", new { inputs = "x" }));

        answer.AssertError(400, "UNSUPPORTED_TASK");
    }

    private static async Task<JsonNode> WaitForEndAsync(string id, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var state = (await Stack.Gateway.ReadAsync($"/inference/async/{id}")).AssertOk();
            if (state["status"]!.GetValue<string>() is "completed" or "failed" or "cancelled")
            {
                return state;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Async request {id} did not end within {timeout}: {state.ToJsonString()}");
            }

            await Task.Delay(250);
        }
    }
}
