using System.Text;
using Platform.Providers.Resilience;
using Platform.Providers.Routing;

namespace Platform.IntegrationTests.Providers;

/// <summary>Streams through the router: fallback only before the first chunk, failures after it propagate, cancellation reaches the upstream.</summary>
public sealed class RoutedStreamTests : RoutingFixture
{
    private async Task<(string Text, List<RoutedUpdate> Updates)> DrainAsync(string model)
    {
        var text = new StringBuilder();
        var updates = new List<RoutedUpdate>();
        await foreach (var update in Router.StreamAsync(Request(model, policy: Policy(retries: 1)), CancellationToken.None))
        {
            updates.Add(update);
            text.Append(update.Update.Text);
        }

        return (text.ToString(), updates);
    }

    [Test]
    public async Task A_stream_that_fails_before_its_first_chunk_falls_back_and_is_recorded_when_it_ends()
    {
        var (primary, backup, _, answering) = await DeployWithFallbackAsync();
        primary.Respond = _ => UpstreamReply.Error(502, "bad gateway");
        backup.Respond = _ => UpstreamReply.Text(FakeAnswers.Sentiment);

        var (text, updates) = await DrainAsync("primary");

        Assert.That(text, Is.EqualTo(FakeAnswers.Sentiment));
        Assert.That(updates.Select(update => update.AnsweredBy), Is.All.EqualTo(answering));
        Assert.That(primary.Calls, Has.Count.EqualTo(2), "retried once before falling back");
        var status = Router.StatusOf("backup-1");
        Assert.That(status.ResponseTimeMs, Is.Not.Null, "the finished stream was measured");
        Assert.That((status.InFlight, status.ErrorRate), Is.EqualTo((0, 0.0)));
        Assert.That(Router.StatusOf("primary-1").ErrorRate, Is.EqualTo(1));
    }

    [Test]
    public async Task A_stream_that_breaks_after_its_first_chunk_fails_without_retry_or_fallback()
    {
        var primary = await Start(FakeOllamaUpstream.StartAsync);
        var backup = await StartOpenAi();
        primary.Respond = _ => UpstreamReply.BrokenStream(FakeAnswers.Sentiment, chunks: 3);
        // Slow enough that chunks are read before the connection is reset (a reset discards unread data).
        primary.ChunkDelay = TimeSpan.FromMilliseconds(100);
        Deploy("primary-1", "primary", primary.BaseUrl, type: "ollama", with: deployment => deployment with { FallbackModels = ["backup"] });
        Deploy("backup-1", "backup", backup.BaseUrl);

        var received = new List<string>();
        var failure = Assert.ThrowsAsync<ProviderException>(async () =>
        {
            await foreach (var update in Router.StreamAsync(Request("primary", policy: Policy(retries: 1)), CancellationToken.None))
            {
                received.Add(update.Update.Text);
            }
        });

        Assert.That(failure!.ErrorCode, Is.EqualTo(ProviderErrorCode.ModelUnavailable));
        Assert.That(received, Is.Not.Empty, "chunks before the break reached the caller");
        Assert.That(FakeAnswers.Sentiment.StartsWith(string.Concat(received), StringComparison.Ordinal), Is.True);
        Assert.That(primary.Calls, Has.Count.EqualTo(1));
        Assert.That(backup.Calls, Is.Empty);
        Assert.That(Router.StatusOf("primary-1").ErrorRate, Is.EqualTo(1));
        Assert.That(failure.Message, Does.Not.Contain(Key));
    }

    [Test]
    public async Task Cancelling_a_routed_stream_aborts_the_upstream_request()
    {
        var upstream = await Start(FakeAnthropicUpstream.StartAsync);
        upstream.ChunkDelay = TimeSpan.FromMilliseconds(200);
        Deploy("claude", "chat", upstream.BaseUrl, type: "anthropic");
        using var cancellation = new CancellationTokenSource();

        var cancelled = Assert.CatchAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in Router.StreamAsync(Request("chat"), cancellation.Token))
            {
                if (update.Update.Text.Length > 0)
                {
                    await cancellation.CancelAsync();
                }
            }
        });

        Assert.That(cancelled, Is.Not.Null);
        Assert.That(await Task.WhenAny(upstream.ClientAborted.Task, Task.Delay(TimeSpan.FromSeconds(1.5))), Is.SameAs(upstream.ClientAborted.Task));
        var status = Router.StatusOf("claude");
        Assert.That((status.InFlight, status.ErrorRate), Is.EqualTo((0, 0.0)), "a caller's cancellation is nobody's failure");
    }
}
