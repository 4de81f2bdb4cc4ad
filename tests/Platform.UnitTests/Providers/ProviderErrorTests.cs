using System.Net;
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
        Assert.That(RetryAfter.Parse("2"), Is.EqualTo(TimeSpan.FromSeconds(2)));
        Assert.That(RetryAfter.Parse("0.5"), Is.EqualTo(TimeSpan.FromMilliseconds(500)));
        var date = DateTimeOffset.UtcNow.AddSeconds(30).ToString("R");
        Assert.That(RetryAfter.Parse(date), Is.InRange(TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(31)));
        Assert.That(RetryAfter.Parse("soon"), Is.Null);
        Assert.That(RetryAfter.Parse("-3"), Is.Null);
    }
}
