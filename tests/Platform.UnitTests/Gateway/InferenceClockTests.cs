using Microsoft.Extensions.Time.Testing;
using Platform.Gateway.Inference;

namespace Platform.UnitTests.Gateway;

public sealed class InferenceClockTests
{
    [Test]
    public void Seed_001_timestamps_are_the_injected_clocks_unix_seconds()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_796_284_800_123));

        Assert.That(InferenceClock.Now(time), Is.EqualTo(1_796_284_800.123));

        time.Advance(TimeSpan.FromSeconds(2));
        Assert.That(InferenceClock.Now(time), Is.EqualTo(1_796_284_802.123));
    }
}
