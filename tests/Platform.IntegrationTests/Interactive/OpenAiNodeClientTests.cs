using System.Text.Json.Nodes;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Interactive;

/// <summary>
/// `/v1` as OpenAI's official Node client sees it (`tests/clients/node`, installed by scripts/prerequisites.sh),
/// configured with nothing but OPENAI_BASE_URL and OPENAI_API_KEY.
/// </summary>
public sealed class OpenAiNodeClientTests
{
    private static InteractiveGateway Stack => InteractiveFixture.Stack;

    [Test]
    public async Task The_node_client_completes_streams_lists_models_and_reads_errors()
    {
        var seen = await RunClientAsync("chat-model", "limited-model");

        var completion = seen["completion"]!;
        Assert.That(completion["text"]!.GetValue<string>(), Is.EqualTo(FakeOpenAiUpstream.Answer));
        Assert.That(completion["role"]!.GetValue<string>(), Is.EqualTo("assistant"));
        Assert.That(completion["finishReason"]!.GetValue<string>(), Is.EqualTo("stop"));
        Assert.That(completion["model"]!.GetValue<string>(), Is.EqualTo("chat-model"));
        Assert.That(completion["usage"]!["prompt_tokens"]!.GetValue<int>(), Is.EqualTo(FakeUpstream.PromptTokens));
        Assert.That(completion["usage"]!["completion_tokens"]!.GetValue<int>(), Is.EqualTo(FakeUpstream.CompletionTokens));

        var streamed = seen["streamed"]!;
        Assert.That(streamed["text"]!.GetValue<string>(), Is.EqualTo(FakeOpenAiUpstream.Answer));
        Assert.That(streamed["contentChunks"]!.GetValue<int>(), Is.GreaterThan(1), "the answer arrives in pieces");
        Assert.That(streamed["finishReasons"]!.AsArray().Select(reason => reason!.GetValue<string>()), Is.EqualTo(new[] { "stop" }));
        Assert.That(streamed["usage"]!["total_tokens"]!.GetValue<int>(), Is.EqualTo(FakeUpstream.PromptTokens + FakeUpstream.CompletionTokens));

        Assert.That(seen["models"]!.AsArray().Select(id => id!.GetValue<string>()), Is.SupersetOf(new[] { "chat-model", "limited-model" }));

        var unknownModel = seen["unknownModel"]!;
        Assert.That(unknownModel["name"]!.GetValue<string>(), Is.EqualTo("NotFoundError"));
        Assert.That(unknownModel["code"]!.GetValue<string>(), Is.EqualTo("model_not_found"));
        var rateLimited = seen["rateLimited"]!;
        Assert.That(rateLimited["name"]!.GetValue<string>(), Is.EqualTo("RateLimitError"));
        Assert.That(rateLimited["code"]!.GetValue<string>(), Is.EqualTo("rate_limit_exceeded"));
        Assert.That(int.Parse(rateLimited["retryAfter"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
            Is.InRange(1, InteractiveGateway.RetryAfterSeconds), InteractiveGateway.BackOffNote);
    }

    private static Task<JsonNode> RunClientAsync(params string[] models) =>
        NodeClient.RunAsync(Stack.Url, "openai-client.mjs", TimeSpan.FromSeconds(60), models);
}
