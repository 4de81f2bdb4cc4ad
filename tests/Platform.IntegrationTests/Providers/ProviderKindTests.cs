using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Http.Models;
using Platform.IntegrationTests.Infrastructure;
using Platform.Providers.Clients;
using Platform.Providers.Models;
using Platform.Providers.Prediction;
using Platform.Providers.Resilience;
using Platform.Providers.Routing;

namespace Platform.IntegrationTests.Providers;

/// <summary>
/// Each provider protocol's client against a fake upstream speaking that protocol on the wire:
/// what is sent, what is read back (whole and streamed), and how failures are classified and retried.
/// </summary>
public sealed class ProviderKindTests
{
    private const string Key = "sk-secret-fake";
    private const string Content = "质量很差";
    private const string Prompt = "Sentiment as JSON: 质量很差";

    private readonly List<IAsyncDisposable> _fakes = [];
    private ServiceProvider _services = null!;
    private Predictor _predictor = null!;
    private ChatClientFactory _clients = null!;

    [SetUp]
    public void BuildServices()
    {
        _services = ProviderServices.Build();
        _predictor = _services.GetRequiredService<Predictor>();
        _clients = _services.GetRequiredService<ChatClientFactory>();
    }

    [TearDown]
    public async Task StopAsync()
    {
        await _services.DisposeAsync();
        foreach (var fake in _fakes)
        {
            await fake.DisposeAsync();
        }
    }

    private static ResolvedModel Model(string type, Uri baseUrl, string name = "fake-model", int? maxTokens = 256) =>
        ModelConfigValidator.Resolve(new AiModelConfig
        {
            ModelType = type,
            ModelName = name,
            ApiKey = Key,
            BaseUrl = baseUrl.ToString(),
            Temperature = 0.2,
            MaxTokens = maxTokens,
            PromptTemplate = "Sentiment as JSON: {content}",
        });

    private static CallPolicy Policy(int retries = 2) => new(retries, TimeSpan.FromSeconds(5));

    /// <summary>A prediction with the request's own config, as a batch item makes it.</summary>
    private Task<PredictionResult> PredictAsync(ResolvedModel model, string content, CallPolicy policy, CancellationToken cancellationToken) =>
        _predictor.PredictAsync(RouteTarget.For(model), content, policy, CallMode.Batch, cancellationToken);

    private async Task<T> Start<T>(Func<Task<T>> start) where T : IAsyncDisposable
    {
        var fake = await start();
        _fakes.Add(fake);
        return fake;
    }

    private static async Task<ChatResponse> StreamAsync(IChatClient client, params ChatMessage[] messages)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync(messages).WithCancellation(CancellationToken.None))
        {
            updates.Add(update);
        }

        Assert.That(updates, Has.Count.GreaterThanOrEqualTo(1));
        return updates.ToChatResponse();
    }

    // ---------------------------------------------------------------- anthropic

    [Test]
    public async Task Anthropic_completion_calls_the_messages_api_and_reads_text_and_usage()
    {
        var upstream = await Start(FakeAnthropicUpstream.StartAsync);

        var result = await PredictAsync(Model("anthropic", upstream.BaseUrl), Content, Policy(), CancellationToken.None);
        await PredictAsync(Model("anthropic", upstream.BaseUrl, maxTokens: null), Content, Policy(), CancellationToken.None);

        Assert.That(result.Prediction?.GetProperty("sentiment").GetString(), Is.EqualTo("negative"));
        Assert.That(result.Confidence, Is.EqualTo(0.8));
        Assert.That((result.PromptTokens, result.CompletionTokens, result.Attempts), Is.EqualTo((12, 7, 1)));
        var calls = upstream.Calls.ToArray();
        Assert.That(calls[0].Path, Is.EqualTo("/v1/messages"));
        Assert.That(calls[0].Header("x-api-key"), Is.EqualTo(Key));
        Assert.That(calls[0].Header("anthropic-version"), Is.EqualTo("2023-06-01"));
        Assert.That(calls[0].Header("authorization"), Is.Null);
        var body = calls[0].Body;
        Assert.That(body["model"]?.GetValue<string>(), Is.EqualTo("fake-model"));
        Assert.That(body["max_tokens"]?.GetValue<int>(), Is.EqualTo(256));
        Assert.That(body["temperature"]?.GetValue<double>(), Is.EqualTo(0.2));
        Assert.That(body.ContainsKey("system"), Is.False);
        Assert.That(body.ContainsKey("stream"), Is.False);
        Assert.That(body["messages"]?.ToJsonString(), Is.EqualTo(
            new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["role"] = "user", ["content"] = Prompt }).ToJsonString()));
        Assert.That(calls[1].Body["max_tokens"]?.GetValue<int>(), Is.EqualTo(AnthropicChatClient.DefaultMaxTokens),
            "the Messages API requires max_tokens, so an unconfigured limit gets the default");
    }

    [Test]
    public async Task Anthropic_stream_sends_the_system_prompt_top_level_and_reads_deltas_and_usage()
    {
        var upstream = await Start(FakeAnthropicUpstream.StartAsync);
        using var client = _clients.Create(Model("anthropic", upstream.BaseUrl));

        var response = await StreamAsync(client, new ChatMessage(ChatRole.System, "Answer in JSON."), new ChatMessage(ChatRole.User, Prompt));

        Assert.That(response.Text, Is.EqualTo(FakeAnswers.Sentiment));
        Assert.That((response.Usage?.InputTokenCount, response.Usage?.OutputTokenCount), Is.EqualTo((12L, 7L)));
        Assert.That(response.FinishReason, Is.EqualTo(ChatFinishReason.Stop));
        var body = upstream.Calls.Single().Body;
        Assert.That(body["stream"]?.GetValue<bool>(), Is.True);
        Assert.That(body["system"]?.GetValue<string>(), Is.EqualTo("Answer in JSON."));
        Assert.That(body["messages"]!.AsArray().Select(m => m!["role"]!.GetValue<string>()), Is.EqualTo(new[] { "user" }));
    }

    // ---------------------------------------------------------------- ollama

    [Test]
    public async Task Ollama_completion_calls_api_chat_with_options_and_reads_the_counts()
    {
        var upstream = await Start(FakeOllamaUpstream.StartAsync);

        var result = await PredictAsync(Model("ollama", upstream.BaseUrl, "llama2"), Content, Policy(), CancellationToken.None);

        Assert.That(result.Prediction?.GetProperty("sentiment").GetString(), Is.EqualTo("negative"));
        Assert.That(result.Confidence, Is.EqualTo(0.8));
        Assert.That((result.PromptTokens, result.CompletionTokens), Is.EqualTo((12, 7)));
        var call = upstream.Calls.Single();
        Assert.That(call.Path, Is.EqualTo("/api/chat"));
        Assert.That(call.Body["model"]?.GetValue<string>(), Is.EqualTo("llama2"));
        Assert.That(call.Body["stream"]?.GetValue<bool>(), Is.False, "Ollama streams unless told not to");
        Assert.That(call.Body["options"]?["num_predict"]?.GetValue<int>(), Is.EqualTo(256));
        Assert.That(call.Body["options"]?["temperature"]?.GetValue<double>(), Is.EqualTo(0.2));
        Assert.That(call.Body["messages"]?[0]?["content"]?.GetValue<string>(), Is.EqualTo(Prompt));
        Assert.That(call.Body.ContainsKey("max_tokens"), Is.False);
    }

    [Test]
    public async Task Ollama_stream_reads_ndjson_lines_until_done_with_the_counts()
    {
        var upstream = await Start(FakeOllamaUpstream.StartAsync);
        using var client = _clients.Create(Model("ollama", upstream.BaseUrl, "llama2"));

        var response = await StreamAsync(client, new ChatMessage(ChatRole.System, "Answer in JSON."), new ChatMessage(ChatRole.User, Prompt));

        Assert.That(response.Text, Is.EqualTo(FakeAnswers.Sentiment));
        Assert.That((response.Usage?.InputTokenCount, response.Usage?.OutputTokenCount), Is.EqualTo((12L, 7L)));
        Assert.That(response.FinishReason, Is.EqualTo(ChatFinishReason.Stop));
        var body = upstream.Calls.Single().Body;
        Assert.That(body["stream"]?.GetValue<bool>(), Is.True);
        Assert.That(body["messages"]!.AsArray().Select(m => m!["role"]!.GetValue<string>()), Is.EqualTo(new[] { "system", "user" }));
    }

    // ---------------------------------------------------------------- huggingface

    [Test]
    public async Task HuggingFace_classification_becomes_labels_by_score_and_confidence()
    {
        var upstream = await Start(FakeHuggingFaceUpstream.StartAsync);

        var result = await PredictAsync(Model("huggingface", upstream.BaseUrl, "org/sst2-classifier"), Content, Policy(),
            CancellationToken.None);

        var prediction = result.Prediction!.Value;
        Assert.That(prediction.GetProperty("label").GetString(), Is.EqualTo("POSITIVE"));
        Assert.That(prediction.GetProperty("labels").EnumerateArray().Select(label => label.GetString()), Is.EqualTo(new[] { "POSITIVE", "NEGATIVE" }));
        Assert.That(prediction.GetProperty("scores").GetProperty("NEGATIVE").GetDouble(), Is.EqualTo(0.0125));
        Assert.That(result.Confidence, Is.EqualTo(0.9875));
        Assert.That((result.PromptTokens, result.CompletionTokens), Is.EqualTo(((int?)null, (int?)null)), "the Inference API reports no tokens");
        var call = upstream.Calls.Single();
        Assert.That(call.Path, Is.EqualTo("/models/org/sst2-classifier"));
        Assert.That(call.Header("authorization"), Is.EqualTo($"Bearer {Key}"));
        Assert.That(call.Body.ToJsonString(), Is.EqualTo(new System.Text.Json.Nodes.JsonObject { ["inputs"] = Prompt }.ToJsonString()));
    }

    [Test]
    public async Task HuggingFace_flat_answers_parse_and_a_stream_is_the_one_json_answer()
    {
        var upstream = await Start(FakeHuggingFaceUpstream.StartAsync);
        upstream.Respond = _ => UpstreamReply.Text("""[{"label": "正面", "score": 0.7}, {"label": "负面", "score": 0.3}]""");
        using var client = _clients.Create(Model("huggingface", upstream.BaseUrl));

        var response = await StreamAsync(client, new ChatMessage(ChatRole.User, Prompt));

        Assert.That(response.Text, Is.EqualTo("""{"label":"正面","labels":["正面","负面"],"scores":{"正面":0.7,"负面":0.3},"confidence":0.7}"""));
        Assert.That(response.Usage, Is.Null);
    }

    // ---------------------------------------------------------------- openai-compatible

    [Test]
    public async Task OpenAi_compatible_completion_and_stream_read_text_and_usage()
    {
        var upstream = await Start(() => FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation));
        upstream.Respond = _ => UpstreamReply.Text(FakeAnswers.Sentiment);
        var model = Model("openai", upstream.BaseUrl);

        var result = await PredictAsync(model, Content, Policy(), CancellationToken.None);
        using var client = _clients.Create(model);
        var streamed = await StreamAsync(client, new ChatMessage(ChatRole.User, Prompt));

        Assert.That((result.Prediction?.GetProperty("sentiment").GetString(), result.Confidence), Is.EqualTo(("negative", 0.8)));
        Assert.That((result.PromptTokens, result.CompletionTokens), Is.EqualTo((12, 7)));
        Assert.That(streamed.Text, Is.EqualTo(FakeAnswers.Sentiment));
        Assert.That((streamed.Usage?.InputTokenCount, streamed.Usage?.OutputTokenCount), Is.EqualTo((12L, 7L)));
        Assert.That(streamed.FinishReason, Is.EqualTo(ChatFinishReason.Stop));
        var calls = upstream.Calls.ToArray();
        Assert.That(calls[0].Body.ContainsKey("stream"), Is.False);
        Assert.That(calls[1].Body["stream"]?.GetValue<bool>(), Is.True);
        Assert.That(calls[1].Body["stream_options"]?["include_usage"]?.GetValue<bool>(), Is.True);
        Assert.That(calls[1].Authorization, Is.EqualTo($"Bearer {Key}"));
    }

    // ---------------------------------------------------------------- failures, every protocol

    private static readonly string[] Kinds = ["anthropic", "ollama", "huggingface", "openai"];

    /// <summary>A fake of the given kind behind one scripting surface (reply per attempt, arrival times).</summary>
    private sealed record Upstream(Uri BaseUrl, Action<Func<int, UpstreamReply>> Script, Func<IReadOnlyList<DateTimeOffset>> CallTimes);

    private async Task<Upstream> StartUpstreamAsync(string kind)
    {
        FakeUpstream fake = kind switch
        {
            "anthropic" => await Start(FakeAnthropicUpstream.StartAsync),
            "ollama" => await Start(FakeOllamaUpstream.StartAsync),
            "huggingface" => await Start(FakeHuggingFaceUpstream.StartAsync),
            "openai" => await Start(() => FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        return new Upstream(fake.BaseUrl, script => fake.Respond = call => script(call.Attempt),
            () => fake.Calls.Select(call => call.ReceivedAt).ToList());
    }

    /// <summary>Predicts against an upstream of <paramref name="kind"/> that always answers with this error.</summary>
    private async Task<(PredictionFailedException Failure, Upstream Upstream)> PredictAgainstAsync(string kind, int status, string message)
    {
        var upstream = await StartUpstreamAsync(kind);
        upstream.Script(_ => UpstreamReply.Error(status, message));

        var failure = Assert.ThrowsAsync<PredictionFailedException>(() =>
            PredictAsync(Model(kind, upstream.BaseUrl), Content, Policy(), CancellationToken.None));

        return (failure!, upstream);
    }

    [TestCaseSource(nameof(Kinds))]
    public async Task A_rejected_key_is_api_key_invalid_not_retried_and_never_echoed(string kind)
    {
        var (failure, upstream) = await PredictAgainstAsync(kind, 401, "invalid x-api-key");

        Assert.That(failure.Cause.ErrorCode, Is.EqualTo(ProviderErrorCode.ApiKeyInvalid));
        Assert.That(failure.Attempts, Is.EqualTo(1));
        Assert.That(upstream.CallTimes(), Has.Count.EqualTo(1));
        Assert.That(failure.Message, Does.Contain("invalid x-api-key").And.Not.Contain(Key));
    }

    [TestCase("anthropic", 429)]
    [TestCase("anthropic", 529)]
    [TestCase("ollama", 429)]
    [TestCase("huggingface", 503)]
    [TestCase("openai", 429)]
    public async Task An_advertised_retry_delay_is_waited_before_the_next_attempt(string kind, int status)
    {
        var upstream = await StartUpstreamAsync(kind);
        upstream.Script(attempt => attempt == 1
            ? UpstreamReply.Error(status, status == 503 ? "Model org/x is currently loading" : "slow down", retryAfter: "1")
            : UpstreamReply.Text(kind == "huggingface" ? FakeHuggingFaceUpstream.Classification : FakeAnswers.Sentiment));

        var result = await PredictAsync(Model(kind, upstream.BaseUrl), Content, Policy(), CancellationToken.None);

        var times = upstream.CallTimes();
        Assert.That(result.Attempts, Is.EqualTo(2));
        Assert.That(times, Has.Count.EqualTo(2));
        Assert.That(times[1] - times[0], Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(0.95)), "the advertised delay, not the 50 ms backoff");
        Assert.That(result.Confidence, Is.GreaterThan(0));
    }

    [TestCaseSource(nameof(Kinds))]
    public async Task A_missing_model_is_model_unavailable_and_not_retried(string kind)
    {
        var (failure, _) = await PredictAgainstAsync(kind, 404, "model 'fake-model' not found, try pulling it first");

        Assert.That(failure.Cause.ErrorCode, Is.EqualTo(ProviderErrorCode.ModelUnavailable));
        Assert.That(failure.Cause.IsTransient, Is.False);
        Assert.That(failure.Attempts, Is.EqualTo(1));
        Assert.That(failure.Message, Does.Contain("not found"));
    }

    [TestCaseSource(nameof(Kinds))]
    public async Task A_stream_dropped_mid_way_is_a_provider_exception_not_a_hang(string kind)
    {
        var upstream = await StartUpstreamAsync(kind);
        upstream.Script(_ => UpstreamReply.BrokenStream(kind == "huggingface" ? FakeHuggingFaceUpstream.Classification : FakeAnswers.Sentiment, 3));
        using var client = _clients.Create(Model(kind, upstream.BaseUrl));
        var received = new List<string>();

        async Task DrainAsync()
        {
            await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, Prompt)]))
            {
                received.Add(update.Text);
            }
        }

        var failure = Assert.ThrowsAsync<ProviderException>(() => DrainAsync().WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.That(failure!.ErrorCode, Is.EqualTo(ProviderErrorCode.ModelUnavailable));
        Assert.That(failure.IsTransient, Is.True);
        Assert.That(failure.Message, Does.Not.Contain(Key));
    }

    [TestCase("anthropic")]
    [TestCase("ollama")]
    public async Task Cancelling_a_stream_aborts_the_upstream_request(string kind)
    {
        FakeUpstream upstream = kind == "anthropic" ? await Start(FakeAnthropicUpstream.StartAsync) : await Start(FakeOllamaUpstream.StartAsync);
        upstream.ChunkDelay = TimeSpan.FromMilliseconds(200);
        using var client = _clients.Create(Model(kind, upstream.BaseUrl));
        using var cancellation = new CancellationTokenSource();

        var cancelled = Assert.CatchAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, Prompt)], cancellationToken: cancellation.Token))
            {
                if (update.Text.Length > 0)
                {
                    await cancellation.CancelAsync();
                }
            }
        });

        Assert.That(cancelled, Is.Not.Null);
        Assert.That(await Task.WhenAny(upstream.ClientAborted.Task, Task.Delay(TimeSpan.FromSeconds(1.5))), Is.SameAs(upstream.ClientAborted.Task),
            "the upstream saw the request dropped at once (not after the handler drained the rest of the answer)");
    }
}
