using Platform.Providers.Resilience;
using Platform.Providers.Routing;

namespace Platform.IntegrationTests.Providers;

/// <summary>Failure drills against fake upstreams: provider 429s, server errors, circuits, quotas and fallbacks.</summary>
public sealed class RouterResilienceTests : RoutingFixture
{
    [Test]
    public async Task A_429_pauses_the_deployment_for_its_retry_after_so_other_calls_wait_or_are_refused_without_reaching_it()
    {
        var upstream = await StartOpenAi();
        upstream.Latency = TimeSpan.Zero;
        upstream.Respond = call => call.Prompt.EndsWith("first", StringComparison.Ordinal) && call.Attempt == 1
            ? UpstreamReply.Error(429, "slow down", retryAfter: "1")
            : UpstreamReply.Text("{}");
        Deploy("primary", "chat", upstream.BaseUrl);

        var first = CompleteAsync("chat", "first", policy: Policy(retries: 2));
        while (upstream.Calls.IsEmpty)
        {
            await Task.Delay(10);
        }

        await Task.Delay(200);
        var second = CompleteAsync("chat", "second", policy: Policy(retries: 2));
        var refused = Assert.ThrowsAsync<ProviderException>(() => CompleteAsync("chat", "third", CallMode.Interactive));
        var results = await Task.WhenAll(first, second);

        var calls = upstream.Calls.ToArray();
        Assert.That(calls, Has.Length.EqualTo(3), "the refused interactive call never reached the provider");
        Assert.That(calls.Skip(1).Select(call => call.ReceivedAt - calls[0].ReceivedAt), Is.All.GreaterThanOrEqualTo(TimeSpan.FromSeconds(0.95)));
        Assert.That(results.Select(result => result.Attempts), Is.EqualTo(new[] { 2, 1 }), "the second call waited instead of being turned away");
        Assert.That(refused!.ErrorCode, Is.EqualTo(ProviderErrorCode.RateLimitExceeded));
        Assert.That(refused.RetryAfter, Is.GreaterThan(TimeSpan.Zero).And.LessThanOrEqualTo(TimeSpan.FromSeconds(1)));
    }

    [Test]
    public async Task Server_errors_are_retried_and_then_the_fallback_model_answers()
    {
        var (primary, backup, _, answering) = await DeployWithFallbackAsync(deployment => deployment with { FallbackModels = ["missing", "backup"] });
        primary.Respond = _ => UpstreamReply.Error(503, "overloaded");

        var result = await CompleteAsync("primary", policy: Policy(retries: 2));

        Assert.That(primary.Calls, Has.Count.EqualTo(3));
        Assert.That(backup.Calls, Has.Count.EqualTo(1));
        Assert.That(result.AnsweredBy, Is.EqualTo(answering));
        Assert.That(result.Attempts, Is.EqualTo(4));
        Assert.That(backup.Calls.Single().Model, Is.EqualTo("upstream-backup-1"));
    }

    [Test]
    public async Task A_request_the_provider_rejects_as_invalid_does_not_fall_back()
    {
        var (primary, backup, _, _) = await DeployWithFallbackAsync();
        primary.Respond = _ => UpstreamReply.Error(400, "messages must not be empty");

        var failure = Assert.ThrowsAsync<ProviderException>(() => CompleteAsync("primary", policy: Policy(retries: 2)));

        Assert.That(failure!.ErrorCode, Is.EqualTo(ProviderErrorCode.InvalidRequest));
        Assert.That(failure.Attempts, Is.EqualTo(1));
        Assert.That(backup.Calls, Is.Empty);
        Assert.That(failure.Message, Does.Not.Contain(Key));
    }

    [Test]
    public async Task When_every_model_fails_the_primary_failure_is_reported_with_all_attempts_and_no_key()
    {
        var (primary, backup, _, _) = await DeployWithFallbackAsync();
        primary.Respond = _ => UpstreamReply.Error(401, $"Incorrect API key provided: {Key}");
        backup.Respond = _ => UpstreamReply.Error(503, "down");

        var failure = Assert.ThrowsAsync<ProviderException>(() => CompleteAsync("primary", policy: Policy(retries: 1)));

        Assert.That(failure!.ErrorCode, Is.EqualTo(ProviderErrorCode.ApiKeyInvalid));
        Assert.That(failure.Attempts, Is.EqualTo(3), "one for the rejected key, two at the fallback");
        Assert.That(failure.Message, Does.Contain("Incorrect API key provided: ***").And.Not.Contain(Key), "the provider echoed the key");
    }

    [Test]
    public async Task The_deadline_bounds_every_attempt_and_retry_at_a_deployment()
    {
        var upstream = await StartOpenAi();
        upstream.Latency = TimeSpan.FromSeconds(30);
        Deploy("hanging", "chat", upstream.BaseUrl);

        var failure = Assert.ThrowsAsync<ProviderException>(() =>
            CompleteAsync("chat", policy: Policy(retries: 5, timeoutSeconds: 2) with { Deadline = TimeSpan.FromSeconds(0.5) }));

        Assert.That(failure!.ErrorCode, Is.EqualTo(ProviderErrorCode.RequestTimeout));
        Assert.That(failure.Message, Is.EqualTo("Model request timed out after 0.5 seconds"));
        Assert.That(upstream.Calls, Has.Count.LessThanOrEqualTo(1), "no retry once the deadline has passed");
    }

    [Test]
    public async Task An_unknown_model_name_is_model_not_found()
    {
        Deploy("other-1", "other", new Uri("http://127.0.0.1:9/v1/"));

        var failure = Assert.ThrowsAsync<ProviderException>(() => CompleteAsync("nope"));

        Assert.That(failure!.ErrorCode, Is.EqualTo(ProviderErrorCode.ModelNotFound));
        await Task.CompletedTask;
    }

    [Test]
    public async Task The_circuit_opens_on_failures_sends_calls_to_the_fallback_and_closes_again_after_the_break()
    {
        Configure(("MinimumThroughput", "2"), ("FailureRatio", "0.5"), ("BreakDuration", "00:00:01"));
        var (primary, _, flaky, answering) = await DeployWithFallbackAsync();
        primary.Respond = _ => UpstreamReply.Error(500, "boom");

        await CompleteAsync("primary");
        await CompleteAsync("primary");
        var whileOpen = await CompleteAsync("primary");
        var open = Router.StatusOf(flaky.Id);
        primary.Respond = _ => UpstreamReply.Text("{}");
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        var afterBreak = await CompleteAsync("primary");

        Assert.That(open.CircuitOpen, Is.True);
        Assert.That(open.Health, Is.EqualTo(DeploymentHealth.Degraded));
        Assert.That(whileOpen.AnsweredBy, Is.EqualTo(answering));
        Assert.That(whileOpen.Attempts, Is.EqualTo(1), "the open circuit refused the call without an attempt at the provider");
        Assert.That(primary.Calls, Has.Count.EqualTo(3), "two failures, then the half-open trial");
        Assert.That(afterBreak.AnsweredBy, Is.EqualTo(flaky));
        Assert.That(Router.StatusOf(flaky.Id).CircuitOpen, Is.False);
    }

    [Test]
    public async Task Batch_calls_are_throttled_to_the_requests_per_minute_quota()
    {
        Configure(("QuotaBurst", "00:00:00"));
        var upstream = await StartOpenAi();
        upstream.Latency = TimeSpan.Zero;
        Deploy("limited", "chat", upstream.BaseUrl, with: deployment => deployment with { RateLimit = new RateLimit(300, null) });

        await Task.WhenAll(Enumerable.Range(0, 16).Select(index => CompleteAsync("chat", $"item {index}")));

        var times = upstream.Calls.Select(call => call.ReceivedAt).Order().ToArray();
        var busiestSecond = times.Max(start => times.Count(time => time >= start && time < start + TimeSpan.FromSeconds(1)));
        Assert.That(times, Has.Length.EqualTo(16));
        Assert.That(busiestSecond, Is.InRange(4, 6), "300 requests a minute is 5 a second");
        Assert.That(times[^1] - times[0], Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(2.7)));
    }

    [Test]
    public async Task Interactive_calls_over_the_quota_fail_fast_with_rate_limit_exceeded_and_a_retry_after()
    {
        var upstream = await StartOpenAi();
        Deploy("limited", "chat", upstream.BaseUrl, with: deployment => deployment with { RateLimit = new RateLimit(6, null) });

        await CompleteAsync("chat", mode: CallMode.Interactive);
        var refused = Assert.ThrowsAsync<ProviderException>(() => CompleteAsync("chat", mode: CallMode.Interactive));

        Assert.That(refused!.ErrorCode, Is.EqualTo(ProviderErrorCode.RateLimitExceeded));
        Assert.That(refused.RetryAfter, Is.GreaterThan(TimeSpan.FromSeconds(8)).And.LessThanOrEqualTo(TimeSpan.FromSeconds(10)),
            "6 a minute: the next request is allowed 10 seconds after the first");
        Assert.That(upstream.Calls, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Interactive_calls_over_the_quota_go_to_the_fallback_model()
    {
        var (primary, _, _, answering) = await DeployWithFallbackAsync(deployment => deployment with { RateLimit = new RateLimit(null, 60) });

        var result = await CompleteAsync("primary", mode: CallMode.Interactive);
        var overQuota = await CompleteAsync("primary", mode: CallMode.Interactive);

        Assert.That(result.AnsweredBy.Id, Is.EqualTo("primary-1"));
        Assert.That(overQuota.AnsweredBy, Is.EqualTo(answering),
            "the first call was estimated at 2 tokens but used 19, more than the 10 seconds' worth (10 tokens) the quota holds");
        Assert.That(primary.Calls, Has.Count.EqualTo(1));
    }
}
