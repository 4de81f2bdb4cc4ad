using Platform.AppHost.Local;
using Platform.IntegrationTests.Providers;
using Platform.Llm.Data;
using Platform.Providers.Quotas.SharedCounts;
using Platform.Providers.Resilience;
using Platform.Providers.Routing;

namespace Platform.IntegrationTests.Security;

/// <summary>A deployment quota whose shared count cannot be asked still answers calls, held to this replica's own quota.</summary>
public sealed class SharedQuotaOutageTests : RoutingFixture
{
    [Test]
    public async Task With_the_database_unreachable_calls_go_through_held_to_the_local_quota()
    {
        Configure(new Dictionary<string, string?>
        {
            ["ConnectionStrings:postgres"] = $"Host=127.0.0.1;Port={FreePort.Next()};Database=gone;Username=nobody;Timeout=2",
            ["Providers:Routing:QuotaBurst"] = "00:00:00",
        }, builder => builder.AddLlmDatabase().AddSharedQuotas());
        var upstream = await StartOpenAi();
        Deploy("limited", "chat", upstream.BaseUrl, with: deployment => deployment with { RateLimit = new RateLimit(6, null) });

        var answered = await CompleteAsync("chat", mode: CallMode.Interactive);
        var refused = Assert.ThrowsAsync<ProviderException>(() => CompleteAsync("chat", mode: CallMode.Interactive));

        Assert.That(answered.AnsweredBy.Id, Is.EqualTo("limited"), "a count that failed does not fail the call");
        Assert.That(refused!.ErrorCode, Is.EqualTo(ProviderErrorCode.RateLimitExceeded));
        Assert.That(refused.RetryAfter, Is.LessThanOrEqualTo(TimeSpan.FromSeconds(10)), "6 a minute held by the local bucket: one call per 10 s");
        Assert.That(upstream.Calls, Has.Count.EqualTo(1));
    }
}
