using System.Diagnostics;
using System.Net;

namespace Platform.IntegrationTests.Security;

/// <summary>A key's requests per minute are counted in PostgreSQL, so two Gateway replicas together allow the limit, not twice it.</summary>
public sealed class ReplicaRateLimitTests
{
    private SecuredGateways _gateways = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _gateways = await SecuredGateways.StartAsync("security_rate_limits", replicas: 2);

    [OneTimeTearDown]
    public async Task StopAsync() => await _gateways.DisposeAsync();

    [Test]
    public async Task A_60_per_minute_key_gets_exactly_60_of_120_requests_spread_over_two_replicas()
    {
        var (_, key) = await _gateways.CreateKeyAsync("sixty-a-minute", requestsPerMinute: 60);
        // A cold replica (no pooled database connections yet, its counting code not yet compiled) could be outrun by the other
        // for the whole burst, so each first counts a burst of another limited key.
        var (_, warmUpKey) = await _gateways.CreateKeyAsync("warm-up", requestsPerMinute: 1_000);
        await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            using var warm = await _gateways.SendAsync(HttpMethod.Get, "/api/v1/ai/batch?limit=1", warmUpKey, replica: i % 2);
        }));

        // Twelve bursts of ten, five to each replica: each burst races on the shared count, and no replica can take the
        // whole allowance before the other has been asked (as one burst of 120 let a replica do once in CI).
        var clock = Stopwatch.StartNew();
        var statuses = new List<(int Replica, HttpStatusCode StatusCode)>();
        for (var burst = 0; burst < 12; burst++)
        {
            statuses.AddRange(await Task.WhenAll(Enumerable.Range(0, 10).Select(async i =>
            {
                using var response = await _gateways.SendAsync(HttpMethod.Get, "/api/v1/ai/batch?limit=1", key, replica: i % 2);
                return (Replica: i % 2, response.StatusCode);
            })));
        }

        clock.Stop();

        TestContext.Progress.WriteLine($"120 requests over 2 replicas in {clock.Elapsed.TotalSeconds:F1} s: " +
            $"{statuses.Count(s => s.StatusCode == HttpStatusCode.OK)} OK, {statuses.Count(s => s.StatusCode == HttpStatusCode.TooManyRequests)} 429");
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromMinutes(1)), "all within the key's one window");
        Assert.That(statuses.Count(s => s.StatusCode == HttpStatusCode.OK), Is.EqualTo(60));
        Assert.That(statuses.Count(s => s.StatusCode == HttpStatusCode.TooManyRequests), Is.EqualTo(60));
        Assert.That(statuses.Where(s => s.StatusCode == HttpStatusCode.OK).Select(s => s.Replica).Distinct().Count(), Is.EqualTo(2),
            "both replicas served some");
    }
}
