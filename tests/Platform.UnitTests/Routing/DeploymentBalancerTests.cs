using Platform.Providers.Models;
using Platform.Providers.Routing;

namespace Platform.UnitTests.Routing;

public sealed class DeploymentBalancerTests
{
    private readonly DeploymentBalancer _balancer = new();

    private static ModelDeployment Deployment(string id, double weight = 1) =>
        new(id, "gpt-4", new ResolvedModel(ProviderKinds.Find("openai")!, $"upstream-{id}", new Uri("https://api.openai.com/v1/"), "sk-x",
            null, null, "{content}")) { Weight = weight };

    private static BalancerCandidate Candidate(string id, bool available = true, double? latencyMs = null, int inFlight = 0, double weight = 1) =>
        new(Deployment(id, weight), available, latencyMs, inFlight);

    private static LoadBalancingSettings Settings(BalancingStrategy strategy, Dictionary<string, double>? weights = null) =>
        LoadBalancingSettings.Default with { Strategy = strategy, Weights = weights ?? [] };

    private List<string> Picks(int count, IReadOnlyList<BalancerCandidate> candidates, LoadBalancingSettings settings) =>
        Enumerable.Range(0, count).Select(_ => _balancer.Order("gpt-4", candidates, settings)[0].Id).ToList();

    [Test]
    public void Round_robin_takes_each_deployment_in_turn()
    {
        var picks = Picks(6, [Candidate("a"), Candidate("b"), Candidate("c")], Settings(BalancingStrategy.RoundRobin));

        Assert.That(picks, Is.EqualTo(new[] { "a", "b", "c", "a", "b", "c" }));
    }

    [Test]
    public void Weighted_shares_follow_the_deployment_weights_smoothly()
    {
        var picks = Picks(8, [Candidate("a", weight: 3), Candidate("b", weight: 1)], Settings(BalancingStrategy.Weighted));

        Assert.That(picks.Count(id => id == "a"), Is.EqualTo(6));
        Assert.That(picks.Take(4).Count(id => id == "b"), Is.EqualTo(1), "no burst: b gets one of every four picks");
    }

    [Test]
    public void Weighted_settings_override_the_deployment_weight_by_id_then_by_upstream_model_name()
    {
        var settings = Settings(BalancingStrategy.Weighted, new() { ["a"] = 1, ["upstream-b"] = 4 });

        var picks = Picks(10, [Candidate("a", weight: 100), Candidate("b")], settings);

        Assert.That(picks.Count(id => id == "b"), Is.EqualTo(8));
    }

    [Test]
    public void Least_latency_prefers_the_fastest_moving_average_and_measures_unmeasured_ones_first()
    {
        var settings = Settings(BalancingStrategy.LeastLatency);

        Assert.That(_balancer.Order("gpt-4", [Candidate("a", latencyMs: 900), Candidate("b", latencyMs: 120), Candidate("c", latencyMs: 400)], settings)[0].Id,
            Is.EqualTo("b"));
        Assert.That(_balancer.Order("gpt-4", [Candidate("a", latencyMs: 900), Candidate("b", latencyMs: null)], settings)[0].Id, Is.EqualTo("b"));
    }

    [Test]
    public void Least_busy_prefers_the_fewest_calls_in_flight()
    {
        var order = _balancer.Order("gpt-4", [Candidate("a", inFlight: 4), Candidate("b", inFlight: 1), Candidate("c", inFlight: 2)],
            Settings(BalancingStrategy.LeastBusy));

        Assert.That(order.Select(deployment => deployment.Id), Is.EqualTo(new[] { "b", "a", "c" }), "the chosen one, then the rest by priority");
    }

    [Test]
    public void Unavailable_deployments_are_skipped_unless_none_is_left()
    {
        var settings = Settings(BalancingStrategy.RoundRobin);

        var picks = Picks(4, [Candidate("a", available: false), Candidate("b"), Candidate("c", available: false)], settings);
        var lastResort = _balancer.Order("gpt-4", [Candidate("a", available: false), Candidate("b", available: false)], settings);

        Assert.That(picks, Is.All.EqualTo("b"));
        Assert.That(lastResort, Has.Count.EqualTo(2));
    }
}
