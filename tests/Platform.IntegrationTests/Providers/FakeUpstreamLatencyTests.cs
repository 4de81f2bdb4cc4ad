using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;

namespace Platform.IntegrationTests.Providers;

/// <summary>
/// The stand-in providers hold each call for their configured latency and no less: timeout tests and the batch bench's
/// limit (window ÷ latency) count on it.
/// </summary>
public sealed class FakeUpstreamLatencyTests
{
    [Test]
    public async Task Concurrent_calls_are_each_held_for_the_latency()
    {
        await using var upstream = await FakeOpenAiUpstream.StartAsync(FakeAnswers.Annotation);
        upstream.Latency = TimeSpan.FromMilliseconds(40);
        using var client = new HttpClient { BaseAddress = upstream.BaseUrl };

        var held = await Task.WhenAll(Enumerable.Range(0, 20).Select(async call =>
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.PostAsJsonAsync("chat/completions",
                new { model = "m", messages = new[] { new { role = "user", content = $"call {call}" } } });
            response.EnsureSuccessStatusCode();
            return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }));

        TestContext.Out.WriteLine($"held (ms): {string.Join(", ", held.Order().Select(ms => ms.ToString("F1", CultureInfo.InvariantCulture)))}");
        Assert.That(held, Has.All.GreaterThanOrEqualTo(39.5));
    }

    [Test]
    public async Task Delays_end_no_sooner_than_asked_whatever_their_order_and_a_cancelled_one_ends_at_once()
    {
        using var cancel = new CancellationTokenSource();
        var longDelay = PreciseDelay.WaitAsync(TimeSpan.FromMinutes(5), cancel.Token);
        var started = Stopwatch.GetTimestamp();
        var delays = new[] { 30, 10, 20 }.Select(async ms =>
        {
            await PreciseDelay.WaitAsync(TimeSpan.FromMilliseconds(ms), CancellationToken.None);
            return (Asked: ms, Took: Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }).ToList();

        foreach (var (asked, took) in await Task.WhenAll(delays))
        {
            Assert.That(took, Is.GreaterThanOrEqualTo(asked - 0.5), $"a {asked} ms delay ended early");
        }

        await cancel.CancelAsync();
        Assert.That(async () => await longDelay, Throws.InstanceOf<OperationCanceledException>());
    }
}
