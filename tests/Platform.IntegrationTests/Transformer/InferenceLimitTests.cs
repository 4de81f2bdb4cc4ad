using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.AppHost.Local;
using Platform.IntegrationTests.Infrastructure;
using static Platform.IntegrationTests.Transformer.TransformerCalls;

namespace Platform.IntegrationTests.Transformer;

/// <summary>
/// A TransformerWorker that runs one forward pass or generation at a time with one more waiting, and what its
/// clients see beyond that; and configs whose buffers would overflow, refused before anything is allocated.
/// </summary>
public sealed class InferenceLimitTests
{
    private const string SlowModel = "slow";
    private const int RetryAfterSeconds = 3;
    private ServiceProcess _worker = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        _worker = PlatformFixture.Stack.StartExtra(ServiceKind.TransformerWorker, url.ToString(), new Dictionary<string, string>
        {
            // Wide enough that a long generation takes seconds on a loaded machine.
            [$"Transformer__Models__{SlowModel}__Config"] = """{"vocab_size": 512, "context_size": 1024, "n_layer": 6, "n_head": 6, "n_embed": 384}""",
            ["Transformer__MaxMemoryGb"] = "1",
            ["Transformer__Inference__MaxConcurrent"] = "1",
            ["Transformer__Inference__QueueLimit"] = "1",
            ["Transformer__Inference__RetryAfter"] = $"00:00:0{RetryAfterSeconds}",
        });
        await _worker.WaitReadyAsync(new Uri(url, "health/ready"), TimeSpan.FromSeconds(60));
        _client = Replica(url);
        _client.Timeout = TimeSpan.FromMinutes(3);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client?.Dispose();
        await _worker.DisposeAsync();
    }

    [Test]
    public async Task Beyond_the_running_and_the_queued_generation_requests_get_429_with_Retry_After_in_their_APIs_shape()
    {
        await _client.InitializeOkAsync(SmallMoeConfig);
        using (await CompleteAsync(maxTokens: 1)) { } // loads the model, so that the long ones below generate at once

        // One runs, one waits; everything else meanwhile is refused at once.
        var running = CompleteAsync(maxTokens: 600);
        var queued = CompleteAsync(maxTokens: 600);
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        using var refusedCompletion = await _client.PostAsJsonAsync("/v1/completions", Completion(maxTokens: 600));
        using var refusedForward = await _client.PostAsJsonAsync("/api/v1/forward", new { text = "深度学习" });

        Assert.That(refusedCompletion.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(refusedCompletion.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(RetryAfterSeconds)));
        var openAi = JsonNode.Parse(await refusedCompletion.Content.ReadAsStringAsync())!["error"]!;
        Assert.That(openAi["type"]!.GetValue<string>(), Is.EqualTo("rate_limit_error"));
        Assert.That(openAi["code"]!.GetValue<string>(), Is.EqualTo("rate_limit_exceeded"));
        Assert.That(openAi["message"]!.GetValue<string>(), Does.Contain("retry in 3 s"));

        Assert.That(refusedForward.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(RetryAfterSeconds)));
        AssertError((refusedForward.StatusCode, JsonNode.Parse(await refusedForward.Content.ReadAsStringAsync())!), HttpStatusCode.TooManyRequests, "SERVER_BUSY");

        using var ran = await running;
        using var waited = await queued;
        Assert.That(ran.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(waited.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var afterwards = await _client.PostAsJsonAsync("/api/v1/forward", new { text = "深度学习" });
        Assert.That(afterwards.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the slots are free again");
    }

    // The config: vocab_size × context_size logits overflow int, and the GEMM wrote past the buffer.
    [TestCase("""{"vocab_size":1048577,"n_embed":8,"n_head":1,"n_layer":1,"context_size":4096}""", "vocab_size (1048577) must be at most 262144")]
    // Every field within its bound, but 4,096 positions of 262,144 logits (4 GiB) are more than the worker may hold.
    [TestCase("""{"vocab_size":262144,"n_embed":8,"n_head":1,"n_layer":1,"context_size":4096}""", "more than the model cache's memory limit")]
    public async Task A_config_whose_buffers_overflow_is_CONFIG_ERROR_and_a_4096_token_forward_after_it_is_a_400(string config, string problem)
    {
        var initialized = await _client.InitializeAsync(config);

        AssertError(initialized, HttpStatusCode.BadRequest, "CONFIG_ERROR");
        Assert.That(initialized.Detail(), Does.Contain(problem));
        var forward = await _client.ForwardAsync(new { text = new string('a', 5000), max_length = 4096 });
        Assert.That(forward.Status, Is.EqualTo(HttpStatusCode.BadRequest), forward.Body.ToJsonString());
        Assert.That(forward.Body["error_code"]!.GetValue<string>(), Is.AnyOf("SEQUENCE_TOO_LONG", "MODEL_NOT_INITIALIZED"), "the refused config never became current");
    }

    private async Task<HttpResponseMessage> CompleteAsync(int maxTokens) => await _client.PostAsJsonAsync("/v1/completions", Completion(maxTokens));

    private static object Completion(int maxTokens) => new { model = SlowModel, prompt = "深度学习", max_tokens = maxTokens, temperature = 0 };
}
