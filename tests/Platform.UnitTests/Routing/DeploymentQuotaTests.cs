using Microsoft.Extensions.Time.Testing;
using Platform.Providers.Quotas;
using Platform.Providers.Resilience;
using Platform.Providers.Routing;

namespace Platform.UnitTests.Routing;

public sealed class DeploymentQuotaTests
{
    private readonly FakeTimeProvider _time = new();

    /// <summary>60 requests a minute with a one-second burst: one request now, then one a second.</summary>
    private DeploymentQuota Quota(int? requestsPerMinute = 60, int? tokensPerMinute = null) =>
        new(new RateLimit(requestsPerMinute, tokensPerMinute), TimeSpan.FromSeconds(1), _time);

    [Test]
    public async Task Interactive_calls_over_the_request_quota_are_refused_with_the_time_until_the_next_slot()
    {
        var quota = Quota(requestsPerMinute: 60);
        await quota.AcquireAsync("m", 1, CallMode.Interactive, CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(250));

        var refused = Assert.ThrowsAsync<ProviderException>(() => quota.AcquireAsync("m", 1, CallMode.Interactive, CancellationToken.None).AsTask());

        Assert.That(refused!.ErrorCode, Is.EqualTo(ProviderErrorCode.RateLimitExceeded));
        Assert.That(refused.IsQuotaRejection, Is.True);
        Assert.That(refused.RetryAfter!.Value.TotalMilliseconds, Is.EqualTo(750).Within(1));
    }

    [Test]
    public async Task Batch_calls_over_the_quota_wait_until_the_bucket_has_refilled()
    {
        var quota = Quota(requestsPerMinute: 60);
        await quota.AcquireAsync("m", 1, CallMode.Batch, CancellationToken.None);

        var waiting = quota.AcquireAsync("m", 1, CallMode.Batch, CancellationToken.None).AsTask();
        _time.Advance(TimeSpan.FromMilliseconds(900));
        Assert.That(waiting.IsCompleted, Is.False);
        _time.Advance(TimeSpan.FromMilliseconds(100));

        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Test]
    public async Task Tokens_are_estimated_before_and_settled_with_the_real_usage_after()
    {
        // 600 tokens a minute = 10 a second; the bucket holds 10.
        var quota = Quota(requestsPerMinute: null, tokensPerMinute: 600);
        await quota.AcquireAsync("m", 4, CallMode.Interactive, CancellationToken.None);
        quota.Settle(estimated: 4, actual: 30);

        var refused = Assert.ThrowsAsync<ProviderException>(() => quota.AcquireAsync("m", 4, CallMode.Interactive, CancellationToken.None).AsTask());

        Assert.That(refused!.RetryAfter!.Value.TotalSeconds, Is.EqualTo(2.4).Within(0.01), "20 tokens of debt plus 4 needed, at 10 a second");
    }

    [Test]
    public async Task A_request_larger_than_the_bucket_is_admitted_when_the_bucket_is_full()
    {
        var quota = Quota(requestsPerMinute: null, tokensPerMinute: 600);

        await quota.AcquireAsync("m", 1_000, CallMode.Interactive, CancellationToken.None);

        Assert.ThrowsAsync<ProviderException>(() => quota.AcquireAsync("m", 1, CallMode.Interactive, CancellationToken.None).AsTask());
    }

    [Test]
    public async Task A_provider_429_pauses_the_deployment_for_the_advertised_time()
    {
        var quota = Quota(requestsPerMinute: null);
        quota.PauseFor(TimeSpan.FromSeconds(3));

        var refused = Assert.ThrowsAsync<ProviderException>(() => quota.AcquireAsync("m", 1, CallMode.Interactive, CancellationToken.None).AsTask());
        Assert.That(refused!.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(3)));
        _time.Advance(TimeSpan.FromSeconds(3));

        await quota.AcquireAsync("m", 1, CallMode.Interactive, CancellationToken.None);
    }

    [Test]
    public async Task A_refunded_request_that_never_reached_the_provider_frees_its_slot()
    {
        var quota = Quota(requestsPerMinute: 60);
        await quota.AcquireAsync("m", 1, CallMode.Interactive, CancellationToken.None);

        quota.Refund(1, requestSent: false);

        await quota.AcquireAsync("m", 1, CallMode.Interactive, CancellationToken.None);
    }
}
