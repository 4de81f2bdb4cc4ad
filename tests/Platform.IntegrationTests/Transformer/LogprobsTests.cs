using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.AppHost.Local;
using Platform.IntegrationTests.Infrastructure;
using static Platform.IntegrationTests.Transformer.TransformerCalls;

namespace Platform.IntegrationTests.Transformer;

/// <summary>OpenAI's `logprobs` on the local models: the model's own log-probabilities, identical on every replica with the same weights.</summary>
public sealed class LogprobsTests
{
    private static readonly object GreedyCompletion = new
    {
        model = RunningPlatform.LocalModelName,
        prompt = "深度学习是人工智能的重要分支",
        max_tokens = 24,
        temperature = 0,
        logprobs = 5,
    };

    [Test]
    public async Task Replicas_answer_bit_identical_log_probabilities_and_a_model_with_another_seed_does_not()
    {
        var answers = new List<string>();
        foreach (var url in PlatformFixture.Stack.TransformerWorkerUrls)
        {
            using var replica = Replica(url);
            answers.Add(await LogprobsJsonAsync(replica));
        }

        var otherSeed = await AnswerOfAnotherSeedAsync();

        Assert.That(answers, Has.Count.EqualTo(2));
        Assert.That(answers[1], Is.EqualTo(answers[0]), "the JSON numbers, character for character");
        Assert.That(otherSeed, Is.Not.EqualTo(answers[0]));
        var logprobs = JsonNode.Parse(answers[0])!;
        Assert.That(logprobs["tokens"]!.AsArray(), Has.Count.EqualTo(24));
        Assert.That(logprobs["token_logprobs"]!.AsArray().Select(value => value!.GetValue<double>()), Has.All.Negative);
        Assert.That(logprobs["top_logprobs"]!.AsArray().Select(top => top!.AsObject().Count), Has.All.InRange(1, 5));
    }

    [Test]
    public async Task Chat_log_probabilities_list_each_token_with_its_bytes_and_the_most_likely_alternatives()
    {
        var (status, body) = await GreedyChatAsync(maxTokens: 16, logprobs: true, topLogprobs: 3);

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToJsonString());
        var choice = body["choices"]![0]!;
        var content = choice["logprobs"]!["content"]!.AsArray();
        Assert.That(content, Has.Count.EqualTo(body["usage"]!["completion_tokens"]!.GetValue<int>()));
        var bytes = content.SelectMany(token => token!["bytes"]!.AsArray().Select(value => (byte)value!.GetValue<int>())).ToArray();
        Assert.That(Encoding.UTF8.GetString(bytes), Is.EqualTo(choice["message"]!["content"]!.GetValue<string>()), "the tokens spell the answer");
        foreach (var token in content)
        {
            var top = token!["top_logprobs"]!.AsArray();
            Assert.That(top, Has.Count.EqualTo(3));
            Assert.That(top.Select(alternative => alternative!["logprob"]!.GetValue<double>()), Is.Ordered.Descending);
            // Greedy decoding picks the most likely token: the first alternative is the token itself.
            Assert.That(top[0]!["bytes"]!.ToJsonString(), Is.EqualTo(token["bytes"]!.ToJsonString()));
            Assert.That(top[0]!["logprob"]!.GetValue<double>(), Is.EqualTo(token["logprob"]!.GetValue<double>()));
        }
    }

    [Test]
    public async Task Streamed_chunks_carry_the_same_log_probabilities_as_the_whole_answer()
    {
        var (_, whole) = await GreedyChatAsync(maxTokens: 12, logprobs: true, topLogprobs: 2);
        using var replica = Replica(PlatformFixture.Stack.TransformerWorkerUrls[0]);

        using var response = await replica.PostAsJsonAsync("/v1/chat/completions", new
        {
            model = RunningPlatform.LocalModelName,
            messages = new[] { new { role = "user", content = "你好" } },
            max_tokens = 12,
            temperature = 0,
            logprobs = true,
            top_logprobs = 2,
            stream = true,
        });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var chunks = (await response.Content.ReadAsStringAsync()).Split('\n')
            .Where(line => line.StartsWith("data: {", StringComparison.Ordinal))
            .Select(line => JsonNode.Parse(line["data: ".Length..])!["choices"]![0]!)
            .ToList();
        var streamed = chunks.SelectMany(choice => choice["logprobs"]!["content"]!.AsArray().Select(token => token!.ToJsonString()));
        var expected = whole["choices"]![0]!["logprobs"]!["content"]!.AsArray().Select(token => token!.ToJsonString());
        Assert.That(streamed, Is.EqualTo(expected), "one token per chunk, as the whole answer lists them");
    }

    [Test]
    public async Task Without_logprobs_a_chat_choice_has_null_logprobs()
    {
        var (_, body) = await GreedyChatAsync(maxTokens: 2);

        var choice = body["choices"]![0]!.AsObject();
        Assert.That(choice.ContainsKey("logprobs"), Is.True);
        Assert.That(choice["logprobs"], Is.Null);
    }

    [TestCase("/v1/completions", """{"model": "tiny", "prompt": "x", "logprobs": 6}""", "logprobs must be between 0 and 5")]
    [TestCase("/v1/chat/completions", """{"model": "tiny", "messages": [{"role": "user", "content": "x"}], "logprobs": true, "top_logprobs": 21}""",
        "top_logprobs must be between 0 and 20")]
    [TestCase("/v1/chat/completions", """{"model": "tiny", "messages": [{"role": "user", "content": "x"}], "top_logprobs": 2}""",
        "top_logprobs requires logprobs: true")]
    public async Task Out_of_range_logprobs_are_refused_in_openai_error_shape(string path, string request, string message)
    {
        using var replica = Replica(PlatformFixture.Stack.TransformerWorkerUrls[0]);

        using var response = await replica.PostAsync(path, new StringContent(request, Encoding.UTF8, "application/json"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        Assert.That(error["message"]!.GetValue<string>(), Is.EqualTo(message));
        Assert.That(error["type"]!.GetValue<string>(), Is.EqualTo("invalid_request_error"));
    }

    /// <summary>The same completion from a worker whose local model has the same config and another weight seed.</summary>
    private static async Task<string> AnswerOfAnotherSeedAsync()
    {
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        await using var worker = PlatformFixture.Stack.StartExtra(ServiceKind.TransformerWorker, url.ToString(), new Dictionary<string, string>
        {
            [$"Transformer__Models__{RunningPlatform.LocalModelName}__Config"] = RunningPlatform.LocalModelConfig,
            [$"Transformer__Models__{RunningPlatform.LocalModelName}__Seed"] = "7",
        });
        await worker.WaitReadyAsync(new Uri(url, "health/ready"), TimeSpan.FromSeconds(60));
        using var replica = Replica(url);
        return await LogprobsJsonAsync(replica);
    }

    private static async Task<(HttpStatusCode Status, JsonNode Body)> GreedyChatAsync(int maxTokens, bool? logprobs = null, int? topLogprobs = null)
    {
        using var replica = Replica(PlatformFixture.Stack.TransformerWorkerUrls[0]);
        using var response = await replica.PostAsJsonAsync("/v1/chat/completions", new
        {
            model = RunningPlatform.LocalModelName,
            messages = new[] { new { role = "user", content = "你好" } },
            max_tokens = maxTokens,
            temperature = 0,
            logprobs,
            top_logprobs = topLogprobs,
        });
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    /// <summary>`choices[0].logprobs` exactly as the worker wrote it.</summary>
    private static async Task<string> LogprobsJsonAsync(HttpClient replica)
    {
        using var response = await replica.PostAsJsonAsync("/v1/completions", GreedyCompletion);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        using var body = JsonDocument.Parse(text);
        return body.RootElement.GetProperty("choices")[0].GetProperty("logprobs").GetRawText();
    }
}
