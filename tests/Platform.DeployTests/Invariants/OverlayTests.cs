using k8s.Models;
using Platform.DeployTests.Rendering;

namespace Platform.DeployTests.Invariants;

/// <summary>What sets the two overlays apart: dev brings its servers, prod uses external ones and a collector.</summary>
public sealed class OverlayTests
{
    [Test]
    public async Task Dev_runs_postgres_and_rabbitmq_in_the_cluster_on_persistent_volumes_one_replica_each()
    {
        var dev = await RenderedOverlay.LoadAsync("dev");
        var servers = dev.Objects.OfType<V1StatefulSet>().ToDictionary(set => set.Metadata.Name);

        Assert.Multiple(() =>
        {
            Assert.That(servers.Keys, Is.EquivalentTo(new[] { "postgres", "rabbitmq" }));
            Assert.That(servers.Values.Select(set => set.Spec.Replicas), Has.All.EqualTo(1));
            Assert.That(servers.Values.Select(set => set.Spec.VolumeClaimTemplates?.Count ?? 0), Has.All.EqualTo(1));
            Assert.That(dev.Objects.OfType<V1Service>().Select(service => service.Metadata.Name), Is.SupersetOf(servers.Keys));
        });
    }

    [Test]
    public async Task Prod_uses_external_servers_more_replicas_and_exports_telemetry_to_a_collector()
    {
        var prod = await RenderedOverlay.LoadAsync("prod");
        var dev = await RenderedOverlay.LoadAsync("dev");
        var config = prod.Objects.OfType<V1ConfigMap>().Single(map => map.Metadata.Name.StartsWith("platform-config", StringComparison.Ordinal));

        Assert.Multiple(() =>
        {
            Assert.That(prod.Objects.OfType<V1StatefulSet>(), Is.Empty);
            Assert.That(config.Data, Does.ContainKey("OTEL_EXPORTER_OTLP_ENDPOINT"));
            Assert.That(Replicas(prod, "gateway"), Is.GreaterThan(Replicas(dev, "gateway")));
            Assert.That(Replicas(prod, "jobs"), Is.GreaterThan(Replicas(dev, "jobs")));
        });
    }

    private static int Replicas(RenderedOverlay overlay, string deployment) =>
        overlay.Objects.OfType<V1Deployment>().Single(d => d.Metadata.Name == deployment).Spec.Replicas ?? 1;
}
