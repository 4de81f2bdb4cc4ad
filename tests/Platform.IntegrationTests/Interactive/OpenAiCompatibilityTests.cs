using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json.Nodes;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Models;
using Platform.IntegrationTests.OpenAi;

namespace Platform.IntegrationTests.Interactive;

/// <summary>`/v1` as OpenAI's own .NET SDK sees it, configured with nothing but the Gateway's URL and a key.</summary>
public sealed class OpenAiCompatibilityTests
{
    private static InteractiveGateway Stack => InteractiveFixture.Stack;

    private static OpenAIClientOptions SdkOptions => new()
    {
        Endpoint = new Uri(Stack.Url, "v1"),
        RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        Transport = new HttpClientPipelineTransport(new HttpClient(new OpenAiSchemaCheck())),
    };

    private static ChatClient Sdk(string model) => new(model, new ApiKeyCredential("sk-platform-key"), SdkOptions);

    private static object Completion(string model, bool stream, bool includeUsage = false) => new
    {
        model,
        messages = new[] { new { role = "user", content = "hello" } },
        stream,
        stream_options = includeUsage ? new { include_usage = true } : null,
    };

    [Test]
    public async Task The_sdk_gets_a_whole_completion()
    {
        ChatCompletion completion = await Sdk("chat-model").CompleteChatAsync(
            [new SystemChatMessage("You annotate."), new UserChatMessage("How do you feel?")],
            new ChatCompletionOptions { Temperature = 0.3f, MaxOutputTokenCount = 200 });

        Assert.That(completion.Content[0].Text, Is.EqualTo(FakeOpenAiUpstream.Answer));
        Assert.That(completion.Role, Is.EqualTo(ChatMessageRole.Assistant));
        Assert.That(completion.FinishReason, Is.EqualTo(ChatFinishReason.Stop));
        Assert.That(completion.Model, Is.EqualTo("chat-model"));
        Assert.That(completion.Id, Does.StartWith("chatcmpl-"));
        Assert.That(completion.Usage.InputTokenCount, Is.EqualTo(FakeUpstream.PromptTokens));
        Assert.That(completion.Usage.OutputTokenCount, Is.EqualTo(FakeUpstream.CompletionTokens));
        var sent = Stack.Upstream.Calls.Last(call => call.Body["model"]?.GetValue<string>() == "up-chat");
        Assert.That(sent.Body["temperature"]!.GetValue<double>(), Is.EqualTo(0.3).Within(1e-6));
        Assert.That(sent.Header("Authorization"), Is.EqualTo("Bearer sk-upstream-secret"), "the upstream gets the deployment's key, not the client's");
    }

    [Test]
    public async Task The_sdk_streams_a_completion_with_usage()
    {
        var text = new System.Text.StringBuilder();
        var updates = new List<StreamingChatCompletionUpdate>();
        // The SDK asks for `stream_options.include_usage` by itself.
        await foreach (var update in Sdk("chat-model").CompleteChatStreamingAsync([new UserChatMessage("Stream please")]))
        {
            updates.Add(update);
            text.Append(string.Concat(update.ContentUpdate.Select(part => part.Text)));
        }

        Assert.That(text.ToString(), Is.EqualTo(FakeOpenAiUpstream.Answer));
        Assert.That(updates.Count(update => update.ContentUpdate.Count > 0), Is.GreaterThan(1), "the answer arrives in pieces");
        Assert.That(updates.Select(update => update.FinishReason), Has.Member(ChatFinishReason.Stop));
        var usage = updates.Select(update => update.Usage).Single(usage => usage is not null)!;
        Assert.That(usage.InputTokenCount, Is.EqualTo(FakeUpstream.PromptTokens));
        Assert.That(usage.OutputTokenCount, Is.EqualTo(FakeUpstream.CompletionTokens));
    }

    [Test]
    public async Task The_sdk_lists_the_registered_models()
    {
        var models = await new OpenAIModelClient(new ApiKeyCredential("sk-platform-key"), SdkOptions).GetModelsAsync();

        Assert.That(models.Value.Select(model => model.Id), Is.SupersetOf(new[] { "chat-model", "ledger-model", "slow-v1" }));
        Assert.That(models.Value.First(model => model.Id == "chat-model").OwnedBy, Is.EqualTo("openai"));
    }

    [Test]
    public void The_sdk_sees_a_rate_limit_as_429()
    {
        var failure = Assert.ThrowsAsync<ClientResultException>(() => Sdk("limited-model").CompleteChatAsync([new UserChatMessage("hi")]));

        Assert.That(failure!.Status, Is.EqualTo(429));
        Assert.That(failure.GetRawResponse()!.Headers.TryGetValue("Retry-After", out var retryAfter), Is.True);
        Assert.That(int.Parse(retryAfter!, System.Globalization.CultureInfo.InvariantCulture), Is.InRange(1, InteractiveGateway.RetryAfterSeconds), InteractiveGateway.BackOffNote);
    }

    [Test]
    public async Task Raw_stream_chunks_follow_openai_with_a_final_usage_chunk_on_request()
    {
        var withUsage = await ReadChunksAsync(Completion("chat-model", stream: true, includeUsage: true));
        var withoutUsage = await ReadChunksAsync(Completion("chat-model", stream: true));

        Assert.That(withUsage[^1].Data, Is.EqualTo("[DONE]"));
        var chunks = withUsage[..^1].Select(chunk => chunk.Json!).ToList();
        Assert.That(chunks.Select(chunk => chunk["object"]!.GetValue<string>()).Distinct(), Is.EqualTo(new[] { "chat.completion.chunk" }));
        Assert.That(chunks.Select(chunk => chunk["id"]!.GetValue<string>()).Distinct().Count(), Is.EqualTo(1));
        Assert.That(chunks[0]["choices"]![0]!["delta"]!["role"]!.GetValue<string>(), Is.EqualTo("assistant"));
        Assert.That(chunks[^2]["choices"]![0]!["finish_reason"]!.GetValue<string>(), Is.EqualTo("stop"));
        Assert.That(chunks[^1]["choices"]!.AsArray(), Is.Empty);
        Assert.That(chunks[^1]["usage"]!["total_tokens"]!.GetValue<int>(), Is.EqualTo(FakeUpstream.PromptTokens + FakeUpstream.CompletionTokens));
        Assert.That(withoutUsage.Where(chunk => chunk.Json is not null).Any(chunk => chunk.Json!["usage"] is not null), Is.False);
    }

    [Test]
    public async Task Errors_have_openais_shape()
    {
        var (unknown, unknownBody, _) = await Stack.PostAsync("/v1/chat/completions", Completion("no-such-model", stream: false));
        var (invalid, invalidBody, _) = await Stack.PostAsync("/v1/chat/completions", new { model = "chat-model", messages = Array.Empty<object>() });
        var (limited, limitedBody, limitedResponse) = await Stack.PostAsync("/v1/chat/completions", Completion("limited-model", stream: true));

        Assert.That(unknown, Is.EqualTo(404));
        Assert.That(unknownBody["error"]!["type"]!.GetValue<string>(), Is.EqualTo("invalid_request_error"));
        Assert.That(unknownBody["error"]!["code"]!.GetValue<string>(), Is.EqualTo("model_not_found"));
        Assert.That(unknownBody["error"]!["param"]!.GetValue<string>(), Is.EqualTo("model"));
        Assert.That(unknownBody["error"]!["message"]!.GetValue<string>(), Does.Contain("no-such-model"));
        Assert.That(invalid, Is.EqualTo(400));
        Assert.That(invalidBody["error"]!["param"]!.GetValue<string>(), Is.EqualTo("messages"));
        Assert.That(limited, Is.EqualTo(429));
        Assert.That(limitedBody["error"]!["code"]!.GetValue<string>(), Is.EqualTo("rate_limit_exceeded"));
        Assert.That(limitedResponse.Headers.RetryAfter?.Delta, Is.InRange(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(InteractiveGateway.RetryAfterSeconds)), InteractiveGateway.BackOffNote);
    }

    [Test]
    public async Task Closing_the_stream_cancels_the_upstream_call()
    {
        var upstream = Stack.SlowStreams["slow-v1"];
        var response = await Stack.Client.SendAsync(InteractiveGateway.JsonRequest("/v1/chat/completions", Completion("slow-v1", stream: true)),
            HttpCompletionOption.ResponseHeadersRead);
        await using (var events = InteractiveGateway.ReadEventsAsync(response).GetAsyncEnumerator())
        {
            Assert.That(await events.MoveNextAsync(), Is.True);
            Assert.That(upstream.InFlight, Is.EqualTo(1), "the first chunk arrived while the upstream was still generating");
        }

        response.Dispose();

        var observed = await Task.WhenAny(upstream.ClientAborted.Task, Task.Delay(TimeSpan.FromSeconds(20)));
        Assert.That(observed, Is.SameAs(upstream.ClientAborted.Task), "the upstream request was not dropped when the client left");
    }

    [Test]
    public async Task A_stream_that_breaks_after_its_first_chunks_ends_with_an_error_event_and_no_done()
    {
        using var response = await Stack.Client.SendAsync(InteractiveGateway.JsonRequest("/v1/chat/completions", Completion("broken-sse", stream: true)),
            HttpCompletionOption.ResponseHeadersRead);
        var events = new List<string>();
        await foreach (var data in InteractiveGateway.ReadEventsAsync(response))
        {
            events.Add(data);
        }

        Assert.That((int)response.StatusCode, Is.EqualTo(200), "the stream had started when the upstream broke");
        Assert.That(events, Has.Count.GreaterThan(1), "chunks before the break reached the client");
        Assert.That(events, Does.Not.Contain("[DONE]"));
        Assert.That(JsonNode.Parse(events[0])!["object"]!.GetValue<string>(), Is.EqualTo("chat.completion.chunk"));
        var error = JsonNode.Parse(events[^1])!["error"]!;
        Assert.That(error["type"]!.GetValue<string>(), Is.EqualTo("server_error"));
        Assert.That(error["code"]!.GetValue<string>(), Is.EqualTo("model_unavailable"));
    }

    private static async Task<List<(string Data, JsonNode? Json)>> ReadChunksAsync(object request)
    {
        using var response = await Stack.Client.SendAsync(InteractiveGateway.JsonRequest("/v1/chat/completions", request), HttpCompletionOption.ResponseHeadersRead);
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        var chunks = new List<(string, JsonNode?)>();
        await foreach (var data in InteractiveGateway.ReadEventsAsync(response))
        {
            if (data != "[DONE]")
            {
                OpenAiSchema.Check(OpenAiSchema.ChatCompletionChunk, data);
            }

            chunks.Add((data, data == "[DONE]" ? null : JsonNode.Parse(data)));
        }

        return chunks;
    }
}
