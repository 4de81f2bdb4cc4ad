using Microsoft.Extensions.Time.Testing;
using Platform.Providers.Routing;

namespace Platform.UnitTests.Routing;

public sealed class DeploymentStatsTests
{
    private readonly FakeTimeProvider _time = new();
    private static readonly LoadBalancingSettings Thresholds = LoadBalancingSettings.Default with { FailureThreshold = 3, RecoveryThreshold = 2 };

    [Test]
    public void Unhealthy_after_the_failure_threshold_of_consecutive_failures_and_healthy_after_the_recovery_threshold()
    {
        var stats = new DeploymentStats(window: 10, _time);

        stats.RecordFailure(Thresholds);
        stats.RecordFailure(Thresholds);
        stats.RecordSuccess(TimeSpan.FromMilliseconds(10), Thresholds);
        stats.RecordFailure(Thresholds);
        stats.RecordFailure(Thresholds);
        Assert.That(stats.IsHealthy, Is.True, "a success in between resets the count");
        stats.RecordFailure(Thresholds);
        Assert.That(stats.IsHealthy, Is.False);

        stats.RecordProbe(succeeded: true, Thresholds);
        Assert.That(stats.IsHealthy, Is.False);
        stats.RecordProbe(succeeded: true, Thresholds);
        Assert.That(stats.IsHealthy, Is.True);
        Assert.That(stats.LastCheck, Is.EqualTo(_time.GetUtcNow()));
    }

    [Test]
    public void Response_time_is_a_moving_average_and_error_rate_covers_the_recent_window()
    {
        var stats = new DeploymentStats(window: 4, _time);

        stats.RecordFailure(Thresholds);
        stats.RecordFailure(Thresholds);
        foreach (var ms in new[] { 1000, 100, 200, 300, 400 })
        {
            stats.RecordSuccess(TimeSpan.FromMilliseconds(ms), Thresholds);
        }

        Assert.That(stats.AverageLatencyMs, Is.EqualTo(250));
        Assert.That(stats.ErrorRate, Is.Zero, "both failures have left the window of four calls");
        stats.RecordFailure(Thresholds);
        Assert.That(stats.ErrorRate, Is.EqualTo(0.25));
    }

    [Test]
    public void Calls_in_flight_are_counted_until_their_scope_ends_once()
    {
        var stats = new DeploymentStats(window: 4, _time);

        var first = stats.Track();
        using (stats.Track())
        {
            Assert.That(stats.InFlight, Is.EqualTo(2));
        }

        first.Dispose();
        first.Dispose();
        Assert.That(stats.InFlight, Is.Zero);
    }
}
