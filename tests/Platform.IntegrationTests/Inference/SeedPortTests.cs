using System.Diagnostics;
using System.Text.Json.Nodes;
using Platform.AppHost.Local;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Inference;

/// <summary>
/// The seed's own curl commands, verbatim but for the port: a Gateway of its own listens on its usual address and
/// on a free port standing in for 8009 (Inference:Url), with a short model timeout for the TIMEOUT case.
/// </summary>
public sealed class SeedPortTests
{
    private const string SeedHost = "http://localhost:8009";

    /// <summary>Seed 001's "測試建議" section.</summary>
    private static readonly string[] SeedCommands =
    [
        "curl http://localhost:8009/inference/cache/stats",
        "curl http://localhost:8009/inference/cache/models",
        "curl -X DELETE http://localhost:8009/inference/cache/models/ollama:llama2-7b",
        "curl -X PUT \"http://localhost:8009/inference/cache/config?max_cache_size=10&max_memory_gb=16\"",
        """
        curl -X POST http://localhost:8009/inference/batch \
          -H "Content-Type: application/json" \
          -d '{
            "requests": [
              {
                "task": "text-generation",
                "engine": "ollama",
                "model_name": "llama2-7b",
                "data": {"inputs": "Hello"},
                "options": {}
              },
              {
                "task": "text-generation",
                "engine": "ollama",
                "model_name": "llama2-7b",
                "data": {"inputs": "World"},
                "options": {}
              }
            ],
            "parallel": false
          }'
        """,
    ];

    private ServiceProcess _gateway = null!;
    private Uri _seedPort = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        _seedPort = new Uri($"http://localhost:{FreePort.Next()}");
        _gateway = PlatformFixture.Stack.StartExtra(ServiceKind.Gateway, url.ToString(), new Dictionary<string, string>
        {
            ["Inference__Url"] = _seedPort.ToString(),
            ["Interactive__TimeoutSeconds"] = "2",
        });
        await _gateway.WaitReadyAsync(new Uri(_seedPort, "health/ready"), TimeSpan.FromSeconds(90));
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        (await PlatformFixture.Stack.Gateway.SendAsync(HttpMethod.Put, "/inference/cache/config?max_cache_size=3&max_memory_gb=1")).AssertOk();
        await _gateway.DisposeAsync();
    }

    [Test]
    public async Task The_seeds_curl_examples_work_unchanged()
    {
        var answers = new List<JsonNode>();
        foreach (var command in SeedCommands)
        {
            answers.Add(JsonNode.Parse(await CurlAsync(command.Replace(SeedHost, _seedPort.ToString().TrimEnd('/'), StringComparison.Ordinal)))!);
        }

        Assert.That(answers[0]["success"]!.GetValue<bool>(), Is.True, answers[0].ToJsonString());
        Assert.That(answers[0]["stats"]!["replicas"]!.AsArray(), Has.Count.EqualTo(RunningPlatform.WorkerReplicas));
        Assert.That(answers[1]["success"]!.GetValue<bool>(), Is.True);
        Assert.That(answers[1]["count"]!.GetValue<int>(), Is.EqualTo(answers[1]["models"]!.AsArray().Count));
        Assert.That(answers[2]["success"]!.GetValue<bool>(), Is.False, "no Ollama model is ever in the platform's cache");
        Assert.That(answers[2]["message"]!.GetValue<string>(), Does.Contain("ollama:llama2-7b"));
        Assert.That(answers[3]["current_config"]!.ToJsonString(), Is.EqualTo("""{"max_cache_size":10,"max_memory_gb":16}"""));
        Assert.That(answers[4]["success"]!.GetValue<bool>(), Is.True, "no Ollama runs here, and failed requests do not fail the batch");
        Assert.That(answers[4]["summary"]!["total_requests"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(answers[4]["results"]!.AsArray().Select(result => result!["index"]!.GetValue<int>()), Is.EqualTo(new[] { 0, 1 }));
    }

    [Test]
    public async Task A_model_slower_than_the_timeout_is_a_timeout()
    {
        await using var upstream = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);
        upstream.Latency = TimeSpan.FromSeconds(5);
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = _seedPort };

        var answer = await client.InferAsync(new
        {
            task = "text-generation", engine = "openai", model_name = "slow-model", data = new { inputs = "x" },
            options = new { api_key = "sk-test-key", base_url = upstream.BaseUrl.ToString() },
        });

        answer.AssertError(504, "TIMEOUT");
    }

    private static async Task<string> CurlAsync(string command)
    {
        using var curl = Process.Start(new ProcessStartInfo("bash", ["-c", command + " --silent --show-error --noproxy '*'"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = await curl.StandardOutput.ReadToEndAsync();
        var errors = await curl.StandardError.ReadToEndAsync();
        await curl.WaitForExitAsync();
        Assert.That(curl.ExitCode, Is.EqualTo(0), $"{command}: {errors}");
        return output;
    }
}
