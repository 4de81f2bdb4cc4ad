using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Http.Models;
using Platform.IntegrationTests.Infrastructure;
using Platform.Providers.Models;
using Platform.Providers.Prediction;
using Platform.Providers.Resilience;
using Platform.Providers.Routing;

namespace Platform.IntegrationTests.Providers;

/// <summary>The provider client and its Polly pipeline against a fake upstream that fails the way real ones do.</summary>
public sealed class PredictorTests
{
    private FakeOpenAiUpstream _upstream = null!;
    private ServiceProvider _services = null!;
    private Predictor _predictor = null!;

    [SetUp]
    public async Task StartUpstreamAsync()
    {
        _upstream = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);
        _services = ProviderServices.Build();
        _predictor = _services.GetRequiredService<Predictor>();
    }

    [TearDown]
    public async Task StopUpstreamAsync()
    {
        await _services.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    private ResolvedModel Model(string type = "openai", string? baseUrl = null, int? maxTokens = 256) =>
        ModelConfigValidator.Resolve(new AiModelConfig
        {
            ModelType = type,
            ModelName = "fake-model",
            ApiKey = "sk-fake",
            BaseUrl = baseUrl ?? _upstream.BaseUrl.ToString(),
            MaxTokens = maxTokens,
            PromptTemplate = "Sentiment as JSON: {content}",
        });

    private static CallPolicy Policy(int retries = 2, double timeoutSeconds = 5) => new(retries, TimeSpan.FromSeconds(timeoutSeconds));

    /// <summary>A prediction with the request's own config, as a batch item makes it.</summary>
    private Task<PredictionResult> PredictAsync(ResolvedModel model, string content, CallPolicy policy, CancellationToken cancellationToken) =>
        _predictor.PredictAsync(RouteTarget.For(model), content, policy, CallMode.Batch, cancellationToken);

    [Test]
    public async Task Answers_with_the_parsed_json_usage_and_one_attempt()
    {
        _upstream.Respond = _ => UpstreamReply.Text("Here you go:\n```json\n{\"sentiment\": \"negative\", \"confidence\": 0.8}\n```");

        var result = await PredictAsync(Model(), "质量很差", Policy(), CancellationToken.None);

        Assert.That(result.Prediction?.GetProperty("sentiment").GetString(), Is.EqualTo("negative"));
        Assert.That(result.Confidence, Is.EqualTo(0.8));
        Assert.That(result.Attempts, Is.EqualTo(1));
        Assert.That((result.PromptTokens, result.CompletionTokens), Is.EqualTo((12, 7)));
        var call = _upstream.Calls.Single();
        Assert.That(call.Prompt, Is.EqualTo("Sentiment as JSON: 质量很差"));
        Assert.That(call.Authorization, Is.EqualTo("Bearer sk-fake"));
    }

    [Test]
    public async Task Sends_max_completion_tokens_to_openai_and_max_tokens_to_compatible_servers()
    {
        await PredictAsync(Model("openai"), "a", Policy(), CancellationToken.None);
        await PredictAsync(Model("zhipu_glm", _upstream.ZhipuBaseUrl.ToString()), "b", Policy(), CancellationToken.None);

        var calls = _upstream.Calls.ToArray();
        Assert.That(calls[0].Body["max_completion_tokens"]?.GetValue<int>(), Is.EqualTo(256));
        Assert.That(calls[0].Body.ContainsKey("max_tokens"), Is.False);
        Assert.That(calls[1].Body["max_tokens"]?.GetValue<int>(), Is.EqualTo(256));
        Assert.That(calls[1].Body.ContainsKey("max_completion_tokens"), Is.False);
    }

    [Test]
    public async Task Retries_server_errors_until_an_attempt_succeeds()
    {
        _upstream.Respond = call => call.Attempt <= 2 ? UpstreamReply.Error(503, "overloaded") : UpstreamReply.Text("{\"ok\": true}");

        var result = await PredictAsync(Model(), "x", Policy(retries: 2), CancellationToken.None);

        Assert.That(result.Attempts, Is.EqualTo(3));
        Assert.That(_upstream.Calls, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task Waits_as_long_as_retry_after_says_before_the_next_attempt()
    {
        _upstream.Respond = call => call.Attempt == 1 ? UpstreamReply.Error(429, "slow down", retryAfter: "1") : UpstreamReply.Text("{}");

        var result = await PredictAsync(Model(), "x", Policy(), CancellationToken.None);

        var calls = _upstream.Calls.ToArray();
        Assert.That(result.Attempts, Is.EqualTo(2));
        Assert.That(calls[1].ReceivedAt - calls[0].ReceivedAt, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(0.95)));
    }

    [Test]
    public void Does_not_retry_a_rejected_key_and_reports_it_with_the_seed_code()
    {
        _upstream.Respond = _ => UpstreamReply.Error(401, "invalid api key");

        var failure = Assert.ThrowsAsync<PredictionFailedException>(() => PredictAsync(Model(), "x", Policy(), CancellationToken.None));

        Assert.That(failure!.Cause.ErrorCode, Is.EqualTo(ProviderErrorCode.ApiKeyInvalid));
        Assert.That(failure.Attempts, Is.EqualTo(1));
        Assert.That(failure.Message, Does.Not.Contain("sk-fake"));
    }

    [Test]
    public void Gives_up_on_a_hanging_upstream_after_each_attempt_times_out()
    {
        _upstream.Latency = TimeSpan.FromSeconds(10);
        var elapsed = Stopwatch.StartNew();

        var failure = Assert.ThrowsAsync<PredictionFailedException>(() =>
            PredictAsync(Model(), "x", Policy(retries: 1, timeoutSeconds: 0.3), CancellationToken.None));

        Assert.That(failure!.Cause.ErrorCode, Is.EqualTo(ProviderErrorCode.RequestTimeout));
        Assert.That(failure.Message, Is.EqualTo("Model request timed out after 0.3 seconds"));
        Assert.That(failure.Attempts, Is.EqualTo(2));
        Assert.That(elapsed.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public async Task Reports_an_unreachable_upstream_as_model_unavailable()
    {
        var closedPort = Platform.AppHost.Local.FreePort.Next();

        var failure = Assert.ThrowsAsync<PredictionFailedException>(() =>
            PredictAsync(Model(baseUrl: $"http://127.0.0.1:{closedPort}/v1/"), "x", Policy(retries: 1), CancellationToken.None));

        Assert.That(failure!.Cause.ErrorCode, Is.EqualTo(ProviderErrorCode.ModelUnavailable));
        Assert.That(failure.Attempts, Is.EqualTo(2), "connection errors are transient");
        await Task.CompletedTask;
    }
}
