using Microsoft.Extensions.DependencyInjection;
using Platform.Providers.Routing;

namespace Platform.IntegrationTests.Providers;

/// <summary>How calls to one model name spread over its deployments, and how a sick deployment is left out and brought back.</summary>
public sealed class RouterBalancingTests : RoutingFixture
{
    private void Balance(BalancingStrategy strategy, int failureThreshold = 3, int recoveryThreshold = 2) =>
        Catalog.LoadBalancing = LoadBalancingSettings.Default with
        {
            Strategy = strategy,
            FailureThreshold = failureThreshold,
            RecoveryThreshold = recoveryThreshold,
        };

    private async Task CallSequentiallyAsync(string model, int count)
    {
        for (var index = 0; index < count; index++)
        {
            await CompleteAsync(model, $"call {index}");
        }
    }

    [Test]
    public async Task Round_robin_sends_each_deployment_its_turn()
    {
        var fakes = new[] { await StartOpenAi(), await StartOpenAi(), await StartOpenAi() };
        for (var index = 0; index < fakes.Length; index++)
        {
            Deploy($"d{index}", "chat", fakes[index].BaseUrl);
        }

        Balance(BalancingStrategy.RoundRobin);
        await CallSequentiallyAsync("chat", 9);

        Assert.That(fakes.Select(fake => fake.Calls.Count), Is.EqualTo(new[] { 3, 3, 3 }));
    }

    [Test]
    public async Task Weighted_shares_follow_the_configured_weights()
    {
        var heavy = await StartOpenAi();
        var light = await StartOpenAi();
        Deploy("heavy", "chat", heavy.BaseUrl);
        Deploy("light", "chat", light.BaseUrl);
        Catalog.LoadBalancing = LoadBalancingSettings.Default with
        {
            Strategy = BalancingStrategy.Weighted,
            Weights = new Dictionary<string, double> { ["heavy"] = 0.75, ["light"] = 0.25 },
        };

        await CallSequentiallyAsync("chat", 8);

        Assert.That((heavy.Calls.Count, light.Calls.Count), Is.EqualTo((6, 2)));
    }

    [Test]
    public async Task Least_latency_settles_on_the_fastest_deployment_once_each_is_measured()
    {
        var slow = await StartOpenAi();
        var fast = await StartOpenAi();
        slow.Latency = TimeSpan.FromMilliseconds(300);
        fast.Latency = TimeSpan.FromMilliseconds(5);
        Deploy("slow", "chat", slow.BaseUrl);
        Deploy("fast", "chat", fast.BaseUrl);
        Balance(BalancingStrategy.LeastLatency);

        await CallSequentiallyAsync("chat", 6);

        Assert.That((slow.Calls.Count, fast.Calls.Count), Is.EqualTo((1, 5)));
        Assert.That(Router.StatusOf("slow").ResponseTimeMs, Is.GreaterThan(Router.StatusOf("fast").ResponseTimeMs!.Value));
    }

    [Test]
    public async Task Least_busy_sends_a_call_past_the_deployment_that_is_still_answering()
    {
        var busy = await StartOpenAi();
        var idle = await StartOpenAi();
        busy.Latency = TimeSpan.FromSeconds(1);
        Deploy("busy", "chat", busy.BaseUrl);
        Deploy("idle", "chat", idle.BaseUrl);
        Balance(BalancingStrategy.LeastBusy);

        var pending = CompleteAsync("chat", "long");
        while (Router.StatusOf("busy").InFlight == 0)
        {
            await Task.Delay(10);
        }

        var second = await CompleteAsync("chat", "short");
        await pending;

        Assert.That(second.AnsweredBy.Id, Is.EqualTo("idle"));
        Assert.That(Router.StatusOf("busy").InFlight, Is.Zero);
    }

    [Test]
    public async Task An_unhealthy_deployment_is_skipped_until_health_checks_bring_it_back()
    {
        var sick = await Start(FakeOllamaUpstream.StartAsync);
        var sound = await StartOpenAi();
        sick.Respond = _ => UpstreamReply.Error(503, "model runner crashed");
        Deploy("sick", "chat", sick.BaseUrl, type: "ollama");
        Deploy("sound", "chat", sound.BaseUrl);
        Balance(BalancingStrategy.RoundRobin, failureThreshold: 2, recoveryThreshold: 2);
        var checker = Services.GetRequiredService<DeploymentHealthChecker>();

        await CallSequentiallyAsync("chat", 8);
        var callsWhileSick = sick.Calls.Count;
        var answeredBySound = sound.Calls.Count;
        var unhealthy = Router.StatusOf("sick");
        await checker.CheckAsync(CancellationToken.None);
        var stillSick = Router.StatusOf("sick").Health;
        sick.Respond = _ => UpstreamReply.Text(FakeAnswers.Sentiment);
        await checker.CheckAsync(CancellationToken.None);
        await checker.CheckAsync(CancellationToken.None);
        var recovered = Router.StatusOf("sick");
        await CallSequentiallyAsync("chat", 4);

        Assert.That(callsWhileSick, Is.EqualTo(2), "skipped after two consecutive failures");
        Assert.That(answeredBySound, Is.EqualTo(8), "every call answered, the sick one's two by falling over to its sibling");
        Assert.That(unhealthy.Health, Is.EqualTo(DeploymentHealth.Unhealthy));
        Assert.That(unhealthy.ErrorRate, Is.EqualTo(1));
        Assert.That(stillSick, Is.EqualTo(DeploymentHealth.Unhealthy));
        Assert.That(sick.Calls.Skip(callsWhileSick).Take(3).Select(call => call.Path), Is.All.EqualTo("/api/tags"), "Ollama is probed by listing its models");
        Assert.That(recovered.Health, Is.EqualTo(DeploymentHealth.Healthy));
        Assert.That(recovered.LastCheck, Is.Not.Null);
        Assert.That(sick.Calls.Skip(callsWhileSick + 3).Count(call => call.Path == "/api/chat"), Is.EqualTo(2), "back in the rotation");
    }
}
