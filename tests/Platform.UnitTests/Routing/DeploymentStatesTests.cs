using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Providers;
using Platform.Providers.Models;
using Platform.Providers.Routing;
using Platform.Providers.Telemetry;

namespace Platform.UnitTests.Routing;

public sealed class DeploymentStatesTests
{
    private ServiceProvider _services = null!;

    private DeploymentStates States => _services.GetRequiredService<DeploymentStates>();

    [SetUp]
    public void BuildServices()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Providers:Routing:MaxAdHocDeployments"] = "2" });
        builder.AddPlatformProviders();
        _services = builder.Services.BuildServiceProvider();
    }

    [TearDown]
    public void DisposeServices() => _services.Dispose();

    private static ResolvedModel Target(string apiKey = "sk-x", string baseUrl = "https://api.openai.com/v1/") =>
        new(ProviderKinds.Find("openai")!, "gpt-4o", new Uri(baseUrl), apiKey, Temperature: null, MaxTokens: null, "{content}");

    private static ModelDeployment AdHoc(string apiKey) => RouteTarget.For(Target(apiKey)).AdHoc!;

    [Test]
    public void A_deployment_keeps_its_client_until_its_endpoint_or_key_changes()
    {
        var deployment = new ModelDeployment("d1", "gpt-4", Target());
        var first = States.For(deployment);

        var reprioritised = States.For(deployment with { Priority = 5 });
        var moved = States.For(deployment with { Target = Target(baseUrl: "https://eu.api.openai.com/v1/") });
        var rotated = States.For(deployment with { Target = Target(apiKey: "sk-rotated", baseUrl: "https://eu.api.openai.com/v1/") });

        Assert.That(reprioritised.Client, Is.SameAs(first.Client), "nothing that reaches the provider changed");
        Assert.That(moved.Client, Is.Not.SameAs(first.Client));
        Assert.That(rotated.Client, Is.Not.SameAs(moved.Client));
        Assert.That(rotated.Stats, Is.SameAs(first.Stats), "the deployment's statistics carry over");
    }

    [Test]
    public void Only_the_most_recently_used_configs_carried_by_requests_are_kept()
    {
        var (a, b, c) = (AdHoc("sk-a"), AdHoc("sk-b"), AdHoc("sk-c"));
        var stateA = States.ForAdHoc(a);
        var stateB = States.ForAdHoc(b);
        States.ForAdHoc(a); // b is now the least recently used

        var stateC = States.ForAdHoc(c);

        Assert.That(States.Find(b.Id), Is.Null);
        Assert.That((States.Find(a.Id), States.Find(c.Id)), Is.EqualTo((stateA, stateC)));
        Assert.That(States.ForAdHoc(a).Client, Is.SameAs(stateA.Client), "a kept config keeps its client");
        var returned = States.ForAdHoc(b);
        Assert.That(returned, Is.Not.SameAs(stateB), "an evicted config starts afresh");
        Assert.That(returned.Client, Is.Not.SameAs(stateB.Client));
    }

    [Test]
    public void A_dropped_config_releases_its_clients_telemetry()
    {
        var released = new HashSet<Meter>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, meters) =>
            {
                if (instrument.Meter.Name == ProviderMetrics.SourceName)
                {
                    meters.EnableMeasurementEvents(instrument);
                }
            },
            MeasurementsCompleted = (instrument, _) =>
            {
                lock (released)
                {
                    released.Add(instrument.Meter);
                }
            },
        };
        listener.Start();

        foreach (var key in Enumerable.Range(0, 5))
        {
            _ = States.ForAdHoc(AdHoc($"sk-{key}")).Client;
        }

        Assert.That(released, Has.Count.GreaterThanOrEqualTo(3), "the three evicted clients' meters are disposed, not left registered");
    }

    [Test]
    public void Configs_carried_by_requests_never_push_registered_deployments_out()
    {
        var registered = States.For(new ModelDeployment("d1", "gpt-4", Target()));

        foreach (var key in Enumerable.Range(0, 5))
        {
            States.ForAdHoc(AdHoc($"sk-{key}"));
        }

        Assert.That(States.Find("d1"), Is.SameAs(registered));
    }
}
