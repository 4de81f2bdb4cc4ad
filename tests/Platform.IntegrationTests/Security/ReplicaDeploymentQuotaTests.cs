using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace Platform.IntegrationTests.Security;

/// <summary>
/// A deployment's requests per minute are counted in PostgreSQL, so two Gateway replicas together send the provider at
/// most the deployment's quota, not twice it; the calls over it are answered as the router answers any call over quota.
/// </summary>
public sealed class ReplicaDeploymentQuotaTests
{
    private const string Model = "shared-quota-model";
    private const int RequestsPerMinute = 10;
    private SecuredGateways _gateways = null!;
    private FakeOpenAiUpstream _upstream = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _upstream = await FakeOpenAiUpstream.StartAsync();
        var settings = SecuredGateways.ModelSettings(Model, _upstream.BaseUrl);
        settings["Llm__Models__0__RequestsPerMinute"] = RequestsPerMinute.ToString(CultureInfo.InvariantCulture);
        // Each replica's own bucket holds the whole minute, so only the shared count keeps the two to the quota.
        settings["Providers__Routing__QuotaBurst"] = "00:01:00";
        _gateways = await SecuredGateways.StartAsync("security_deployment_quotas", replicas: 2, settings);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _gateways.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    [Test]
    public async Task Two_replicas_send_a_10_per_minute_deployment_at_most_10_calls_and_answer_the_rest_with_429_and_retry_after()
    {
        var answers = new List<(int Replica, HttpStatusCode Status, TimeSpan? RetryAfter, string Body)>();
        for (var i = 0; i < 3 * RequestsPerMinute; i++)
        {
            using var response = await _gateways.SendAsync(HttpMethod.Post, "/api/llm/generate", SecuredGateways.AdminKey,
                new { model = Model, messages = new[] { new { role = "user", content = $"item {i}" } } }, replica: i % 2);
            answers.Add((i % 2, response.StatusCode, response.Headers.RetryAfter?.Delta, await response.Content.ReadAsStringAsync()));
        }

        var refused = answers.Where(answer => answer.Status == HttpStatusCode.TooManyRequests).ToList();
        TestContext.Progress.WriteLine($"{answers.Count} calls over 2 replicas: {_upstream.Calls.Count} reached the provider, {refused.Count} got 429");
        Assert.That(_upstream.Calls, Has.Count.EqualTo(RequestsPerMinute), "the provider saw the deployment's quota, not a quota per replica");
        Assert.That(answers.Where(answer => answer.Status == HttpStatusCode.OK).Select(answer => answer.Replica).Distinct().Count(), Is.EqualTo(2),
            "both replicas called the provider");
        Assert.That(refused, Has.Count.EqualTo(2 * RequestsPerMinute), string.Join("\n", answers.Select(answer => answer.Body).Distinct()));
        Assert.That(refused.Select(answer => answer.RetryAfter), Is.All.InRange(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60)));
        Assert.That(refused.Select(answer => JsonNode.Parse(answer.Body)!["error"]!["code"]!.GetValue<string>()), Is.All.EqualTo("RATE_LIMIT_EXCEEDED"));
    }
}
