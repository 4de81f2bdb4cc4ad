using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.Gateway.Cache;
using Platform.Providers.Accounting;
using Platform.Providers.Models;
using Platform.Providers.Routing;

namespace Platform.UnitTests.Accounting;

public sealed class UsageAccountingTests
{
    private static readonly ModelDeployment Deployment = new("gpt-eu", "gpt-4o",
        new ResolvedModel(ProviderKinds.Find("openai")!, "gpt-4o", new Uri("https://api.openai.com/v1/"), "sk", null, null, "{content}"))
    {
        Pricing = new ModelPricing(InputPer1KTokens: 2.5m, OutputPer1KTokens: 10m),
    };

    [Test]
    public void Provider_token_counts_are_used_as_given()
    {
        var tokens = TokenCount.Of(new UsageDetails { InputTokenCount = 120, OutputTokenCount = 30 }, [new ChatMessage(ChatRole.User, "hi")], "ok");

        Assert.That(tokens, Is.EqualTo(new TokenCount(120, 30, Estimated: false)));
    }

    [Test]
    public void Missing_token_counts_are_estimated_at_four_characters_a_token()
    {
        var tokens = TokenCount.Of(null, [new ChatMessage(ChatRole.System, "12345678"), new ChatMessage(ChatRole.User, "123")], "12345");

        Assert.That(tokens, Is.EqualTo(new TokenCount(Prompt: 3, Completion: 2, Estimated: true)));
    }

    [Test]
    public void A_successful_call_is_priced_per_thousand_tokens_at_the_answering_deployments_rates()
    {
        var record = UsageRecord.Succeeded(Deployment, CallMode.Batch, new TokenCount(1200, 300, false), TimeSpan.FromMilliseconds(812.6),
            DateTimeOffset.UnixEpoch, "key-1");

        // 1,200 × $2.5/1K + 300 × $10/1K
        Assert.That(record.Cost, Is.EqualTo(3m + 3m));
        Assert.That(record.LatencyMs, Is.EqualTo(813));
        Assert.That(record.DeploymentId, Is.EqualTo("gpt-eu"));
        Assert.That(record.Success, Is.True);
        Assert.That(record.Source, Is.EqualTo(CallMode.Batch));
    }

    [Test]
    public void A_failed_call_without_a_deployment_costs_nothing()
    {
        var record = UsageRecord.Failed("gpt-4o", null, CallMode.Interactive, "MODEL_UNAVAILABLE", new TokenCount(50, 0, true),
            TimeSpan.FromSeconds(1), DateTimeOffset.UnixEpoch, null);

        Assert.That(record.Cost, Is.Zero);
        Assert.That(record.Success, Is.False);
        Assert.That(record.ErrorCode, Is.EqualTo("MODEL_UNAVAILABLE"));
    }

    [Test]
    public void Records_roll_up_by_hour_and_model_in_a_stable_order()
    {
        var at = new DateTimeOffset(2025, 1, 1, 10, 59, 59, TimeSpan.FromHours(8)); // 02:59:59 UTC
        UsageRecord Record(string model, DateTimeOffset when, bool success) =>
            new(model, null, CallMode.Interactive, 10, 5, false, 0.01m, 100, success, success ? null : "REQUEST_TIMEOUT", when, null);

        var totals = UsageStore.Rollup(
        [
            Record("b", at, true),
            Record("a", at, true),
            Record("a", at.AddSeconds(1), false), // next hour
            Record("a", at.AddMinutes(-30), false),
        ]);

        Assert.That(totals.Select(total => (total.Hour.UtcDateTime.Hour, total.ModelName, total.Requests, total.Failures)), Is.EqualTo(new[]
        {
            (2, "a", 2L, 1L),
            (2, "b", 1L, 0L),
            (3, "a", 1L, 1L),
        }));
        Assert.That(totals[0].Cost, Is.EqualTo(0.02m));
        Assert.That(totals[0].PromptTokens + totals[0].CompletionTokens, Is.EqualTo(30));
        Assert.That(totals[0].LatencyMsTotal, Is.EqualTo(200));
    }

    [Test]
    public void A_full_queue_drops_records_instead_of_blocking_the_caller()
    {
        var recorder = new UsageRecorder(Options.Create(new UsageAccountingOptions { Capacity = 2 }), NullLogger<UsageRecorder>.Instance);
        var record = UsageRecord.Failed("m", null, CallMode.Interactive, "X", TokenCount.None, TimeSpan.Zero, DateTimeOffset.UnixEpoch, null);

        for (var call = 0; call < 5; call++)
        {
            recorder.Record(record);
        }

        Assert.That(recorder.Dropped, Is.EqualTo(3));
    }

    [TestCase(0, "0B")]
    [TestCase(1023, "1023B")]
    [TestCase(1536, "1.5KB")]
    [TestCase(47_395_635, "45.2MB")]
    public void Cache_sizes_are_written_as_the_seed_writes_them(long bytes, string expected) =>
        Assert.That(CacheApi.FormatSize(bytes), Is.EqualTo(expected));
}
