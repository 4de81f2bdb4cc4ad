using System.Net;
using Microsoft.Extensions.Time.Testing;
using Platform.Providers.Resilience;

namespace Platform.UnitTests.Providers;

public sealed class ProviderErrorTests
{
    [TestCase(HttpStatusCode.Unauthorized, "API_KEY_INVALID", false)]
    [TestCase(HttpStatusCode.Forbidden, "API_KEY_INVALID", false)]
    [TestCase(HttpStatusCode.NotFound, "MODEL_UNAVAILABLE", false)]
    [TestCase(HttpStatusCode.BadRequest, "INVALID_REQUEST", false)]
    [TestCase(HttpStatusCode.TooManyRequests, "RATE_LIMIT_EXCEEDED", true)]
    [TestCase(HttpStatusCode.InternalServerError, "MODEL_UNAVAILABLE", true)]
    [TestCase(HttpStatusCode.ServiceUnavailable, "MODEL_UNAVAILABLE", true)]
    [TestCase(HttpStatusCode.RequestTimeout, "REQUEST_TIMEOUT", true)]
    public void Classifies_upstream_statuses_into_the_seed_codes_and_retries_only_transient_ones(
        HttpStatusCode status, string code, bool transient)
    {
        var error = ProviderException.FromStatus("zhipu_glm/glm-4", status, "upstream says no", retryAfter: null);

        Assert.That(error.ErrorCode, Is.EqualTo(code));
        Assert.That(error.IsTransient, Is.EqualTo(transient));
        Assert.That(error.Message, Does.Contain("zhipu_glm/glm-4").And.Contain("upstream says no"));
    }

    [Test]
    public void Reads_retry_after_as_seconds_or_http_date()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero));
        Assert.That(RetryAfter.Parse("2", time), Is.EqualTo(TimeSpan.FromSeconds(2)));
        Assert.That(RetryAfter.Parse("0.5", time), Is.EqualTo(TimeSpan.FromMilliseconds(500)));
        Assert.That(RetryAfter.Parse("Thu, 03 Dec 2026 08:00:30 GMT", time), Is.EqualTo(TimeSpan.FromSeconds(30)));
        Assert.That(RetryAfter.Parse("soon", time), Is.Null);
        Assert.That(RetryAfter.Parse("-3", time), Is.Null);
    }

    [Test]
    public void An_http_date_retry_after_counts_down_on_the_injected_clock_and_never_goes_negative()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero));
        const string date = "Thu, 03 Dec 2026 08:01:00 GMT";

        time.Advance(TimeSpan.FromSeconds(45));
        Assert.That(RetryAfter.Parse(date, time), Is.EqualTo(TimeSpan.FromSeconds(15)));

        time.Advance(TimeSpan.FromMinutes(5));
        Assert.That(RetryAfter.Parse(date, time), Is.EqualTo(TimeSpan.Zero));
    }
}
