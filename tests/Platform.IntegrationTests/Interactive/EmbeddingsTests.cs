using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Interactive;

/// <summary>
/// `/v1/embeddings` through the router to each wire protocol with embeddings (the fakes answer an input of length n with
/// [n, 0.5, -0.5] over OpenAI's and Gemini's APIs, [n, 1, 2] over Ollama's), as plain HTTP and as OpenAI's Node client sees it.
/// </summary>
public sealed class EmbeddingsTests
{
    private static InteractiveGateway Stack => InteractiveFixture.Stack;

    [TestCase("chat-model", "/v1/embeddings", 0.5f, -0.5f)]
    [TestCase("embed-zhipu", "/v1/embeddings", 0.5f, -0.5f)]
    [TestCase("embed-gemini", "/v1/models/text-embedding-004:batchEmbedContents", 0.5f, -0.5f)]
    [TestCase("embed-ollama", "/api/embed", 1f, 2f)]
    public async Task Each_protocol_answers_one_vector_per_input_in_openai_shape(string model, string upstreamPath, float second, float third)
    {
        var (status, body, _) = await Stack.PostAsync("/v1/embeddings", new { model, input = new[] { "ab", "cdef" }, dimensions = 3 });

        Assert.That(status, Is.EqualTo(200), body.ToJsonString());
        Assert.That(body["object"]!.GetValue<string>(), Is.EqualTo("list"));
        Assert.That(body["model"]!.GetValue<string>(), Is.EqualTo(model));
        Assert.That(body["data"]!.AsArray().Select(item => item!["index"]!.GetValue<int>()), Is.EqualTo(new[] { 0, 1 }));
        Assert.That(body["data"]!.AsArray().Select(item => item!["embedding"]!.AsArray().Select(value => value!.GetValue<float>())),
            Is.EqualTo(new[] { new[] { 2f, second, third }, new[] { 4f, second, third } }));
        Assert.That(body["usage"]!["prompt_tokens"]!.GetValue<int>(), Is.Positive);
        Assert.That(body["usage"]!["total_tokens"]!.GetValue<int>(), Is.EqualTo(body["usage"]!["prompt_tokens"]!.GetValue<int>()));
        var calls = model == "embed-ollama" ? Stack.Ollama.Calls : Stack.Upstream.Calls;
        Assert.That(calls.Select(call => call.Path), Does.Contain(upstreamPath));
    }

    [Test]
    public async Task Base64_is_each_vector_as_little_endian_float32()
    {
        // OpenAI's schema describes only the float encoding, so this answer skips the schema-checking client.
        using var client = new HttpClient { BaseAddress = Stack.Url };
        using var response = await client.PostAsJsonAsync("/v1/embeddings", new { model = "chat-model", input = "hello", encoding_format = "base64" });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.That((int)response.StatusCode, Is.EqualTo(200), body.ToJsonString());
        var bytes = Convert.FromBase64String(body["data"]![0]!["embedding"]!.GetValue<string>());
        Assert.That(Enumerable.Range(0, bytes.Length / 4).Select(index => BitConverter.ToSingle(bytes, index * 4)), Is.EqualTo(new[] { 5f, 0.5f, -0.5f }));
    }

    [Test]
    public async Task A_failing_model_falls_back_and_a_model_without_embeddings_or_a_bad_input_gets_openai_errors()
    {
        var (fellBack, answer, _) = await Stack.PostAsync("/v1/embeddings", new { model = "embed-fallback", input = "abc" });
        Assert.That(fellBack, Is.EqualTo(200), answer.ToJsonString());
        Assert.That(answer["data"]![0]!["embedding"]![0]!.GetValue<float>(), Is.EqualTo(3f), "answered by the fallback model");

        var (refused, error, _) = await Stack.PostAsync("/v1/embeddings", new { model = "embed-claude", input = "abc" });
        Assert.That(refused, Is.EqualTo(400));
        Assert.That(error["error"]!["type"]!.GetValue<string>(), Is.EqualTo("invalid_request_error"));
        Assert.That(error["error"]!["message"]!.GetValue<string>(), Is.EqualTo("model embed-claude does not support embeddings"));

        foreach (var (request, param) in new (object, string)[]
        {
            (new { model = "chat-model" }, "input"),
            (new { model = "chat-model", input = new[] { "a", "" } }, "input"),
            (new { model = "chat-model", input = "a", encoding_format = "int8" }, "encoding_format"),
            (new { model = "chat-model", input = "a", dimensions = 0 }, "dimensions"),
            (new { input = "a" }, "model"),
        })
        {
            var (badStatus, bad, _) = await Stack.PostAsync("/v1/embeddings", request);
            Assert.That(badStatus, Is.EqualTo(400), bad.ToJsonString());
            Assert.That(bad["error"]!["param"]!.GetValue<string>(), Is.EqualTo(param));
        }
    }

    [Test]
    public async Task The_node_client_reads_embeddings_in_both_encodings_and_the_refusals()
    {
        var seen = await NodeClient.RunAsync(Stack.Url, "openai-embeddings.mjs", TimeSpan.FromSeconds(60), "chat-model", "embed-claude");

        Assert.That(seen["decoded"]!["data"]!.AsArray().Select(item => item!["embedding"]!.AsArray().Select(value => value!.GetValue<float>())),
            Is.EqualTo(new[] { new[] { 2f, 0.5f, -0.5f }, new[] { 4f, 0.5f, -0.5f } }));
        Assert.That(seen["floats"]!["data"]![0]!["embedding"]!.AsArray().Select(value => value!.GetValue<float>()), Is.EqualTo(new[] { 5f, 0.5f, -0.5f }));
        Assert.That(seen["floats"]!["usage"]!["prompt_tokens"]!.GetValue<int>(), Is.EqualTo(FakeUpstream.PromptTokens));
        Assert.That(seen["refused"]!["name"]!.GetValue<string>(), Is.EqualTo("BadRequestError"));
        Assert.That(seen["refused"]!["message"]!.GetValue<string>(), Does.Contain("does not support embeddings"));
        Assert.That(seen["badInput"]!["param"]!.GetValue<string>(), Is.EqualTo("input"));
    }
}
