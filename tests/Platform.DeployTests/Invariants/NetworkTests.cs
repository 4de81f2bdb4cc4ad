using k8s.Models;
using Platform.DeployTests.Rendering;

namespace Platform.DeployTests.Invariants;

/// <summary>Only the Gateway is reachable from outside the platform, and only the pods that call providers reach the internet.</summary>
public sealed class NetworkTests(string overlay) : OverlayFixture(overlay)
{
    private static readonly string[] ProviderCallers = ["gateway", "provider-worker"];

    [Test]
    public void Every_pod_denies_what_no_policy_allows()
    {
        var defaultDeny = Rendered.Objects.OfType<V1NetworkPolicy>().Where(policy =>
            Rendered.Workloads.All(workload => policy.Spec.PodSelector.Selects(workload.Labels)) && policy.Spec.Ingress is null && policy.Spec.Egress is null);

        Assert.That(defaultDeny.SelectMany(policy => policy.Spec.PolicyTypes), Is.SupersetOf(new[] { "Ingress", "Egress" }));
    }

    [Test]
    public void Only_the_gateway_accepts_connections_from_anywhere()
    {
        var open = Rendered.Objects.OfType<V1NetworkPolicy>()
            .Where(policy => (policy.Spec.Ingress ?? []).Any(rule => rule.FromProperty is null or { Count: 0 } || rule.FromProperty.Any(peer => peer.IpBlock is not null)))
            .Where(policy => SelectedApps(policy).Except(["gateway"]).Any())
            .Select(policy => policy.Metadata.Name);

        Assert.That(open, Is.Empty);
    }

    [Test]
    public void Only_the_pods_that_call_providers_reach_addresses_outside_the_cluster_on_https()
    {
        var outbound = Rendered.Objects.OfType<V1NetworkPolicy>()
            .Where(policy => (policy.Spec.Egress ?? []).Any(rule => (rule.To ?? []).Any(peer => peer.IpBlock is not null)));

        Assert.Multiple(() =>
        {
            Assert.That(outbound.SelectMany(SelectedApps).Distinct(), Is.EquivalentTo(ProviderCallers));
            Assert.That(outbound.SelectMany(policy => policy.Spec.Egress).SelectMany(rule => rule.Ports).Select(port => port.Port.Value),
                Is.All.EqualTo("443"));
        });
    }

    [Test]
    public void No_service_is_exposed_outside_the_cluster_but_the_gateway()
    {
        var exposed = Rendered.Objects.OfType<V1Service>()
            .Where(service => service.Spec.Type is not (null or "ClusterIP") && service.Metadata.Name != "gateway")
            .Select(service => service.Metadata.Name);

        Assert.That(exposed, Is.Empty);
    }

    /// <summary>The workloads whose pods a policy selects.</summary>
    private IEnumerable<string> SelectedApps(V1NetworkPolicy policy) =>
        Rendered.Workloads.Where(workload => policy.Spec.PodSelector.Selects(workload.Labels)).Select(workload => workload.Name);
}
