using k8s.Models;
using Platform.DeployTests.Rendering;

namespace Platform.DeployTests.Invariants;

/// <summary>Every pod the overlays run is probed, sized, locked down, and given time to finish its work.</summary>
public sealed class WorkloadTests(string overlay) : OverlayFixture(overlay)
{
    [Test]
    public void Every_long_running_container_has_startup_readiness_and_liveness_probes()
    {
        var missing = Rendered.Workloads.Where(workload => workload.Kind != "Job")
            .SelectMany(workload => workload.Pod.Containers.Where(c => c.StartupProbe is null || c.ReadinessProbe is null || c.LivenessProbe is null)
                .Select(c => $"{workload} container {c.Name}"));

        Assert.That(missing, Is.Empty);
    }

    [Test]
    public void Platform_services_are_probed_on_their_health_endpoints()
    {
        var wrong = Rendered.Objects.OfType<V1Deployment>().SelectMany(d => d.Spec.Template.Spec.Containers)
            .Where(c => c.ReadinessProbe?.HttpGet?.Path != "/health/ready"
                        || c.LivenessProbe?.HttpGet?.Path != "/health/live"
                        || c.StartupProbe?.HttpGet?.Path != "/health/live")
            .Select(c => c.Name);

        Assert.That(wrong, Is.Empty);
    }

    [Test]
    public void Every_container_has_cpu_and_memory_requests_within_its_limits()
    {
        var unsized = Rendered.Workloads.SelectMany(workload => workload.Containers
            .Where(c => !(new[] { "cpu", "memory" }).All(resource => FitsWithin(c.Resources, resource)))
            .Select(c => $"{workload} container {c.Name}"));

        Assert.That(unsized, Is.Empty);
    }

    [Test]
    public void Every_container_runs_as_non_root_with_a_read_only_root_and_no_privileges()
    {
        var loose = Rendered.Workloads.SelectMany(workload => workload.Containers
            .Where(c => !IsLockedDown(workload.Pod, c))
            .Select(c => $"{workload} container {c.Name}"));

        Assert.That(loose, Is.Empty);
    }

    [Test]
    public void Every_container_can_write_tmp_on_an_empty_dir()
    {
        var withoutTmp = Rendered.Workloads.SelectMany(workload => workload.Containers
            .Where(c => !(c.VolumeMounts ?? []).Any(mount => mount.MountPath == "/tmp"
                && workload.Pod.Volumes.Any(volume => volume.Name == mount.Name && volume.EmptyDir is not null)))
            .Select(c => $"{workload} container {c.Name}"));

        Assert.That(withoutTmp, Is.Empty);
    }

    [Test]
    public void Pods_outlive_the_host_shutdown_that_lets_work_in_flight_finish()
    {
        var cut = Rendered.Objects.OfType<V1Deployment>().Select(d => d.Spec.Template.Spec)
            .SelectMany(pod => pod.Containers.Select(c => (Pod: pod, Container: c)))
            .Where(pair => !OutlivesShutdown(pair.Pod, pair.Container))
            .Select(pair => pair.Container.Name);

        Assert.That(cut, Is.Empty);
    }

    [Test]
    public void Every_deployment_has_a_disruption_budget_and_spreads_over_nodes_and_zones()
    {
        var budgets = Rendered.Objects.OfType<V1PodDisruptionBudget>().ToList();
        var exposed = Rendered.Objects.OfType<V1Deployment>()
            .Where(d => !budgets.Any(budget => budget.Spec.Selector.Selects(d.Spec.Template.Metadata.Labels))
                        || !(new[] { "kubernetes.io/hostname", "topology.kubernetes.io/zone" })
                            .All(key => (d.Spec.Template.Spec.TopologySpreadConstraints ?? []).Any(spread => spread.TopologyKey == key)))
            .Select(d => d.Metadata.Name);

        Assert.That(exposed, Is.Empty);
    }

    private static bool FitsWithin(V1ResourceRequirements? resources, string resource) =>
        resources?.Requests?.TryGetValue(resource, out var request) == true
        && resources.Limits?.TryGetValue(resource, out var limit) == true
        && request.ToDecimal() <= limit.ToDecimal();

    private static bool IsLockedDown(V1PodSpec pod, V1Container container)
    {
        var security = container.SecurityContext;
        var runAsUser = security?.RunAsUser ?? pod.SecurityContext?.RunAsUser;
        return (security?.RunAsNonRoot ?? pod.SecurityContext?.RunAsNonRoot) == true
               && runAsUser is > 0
               && security?.AllowPrivilegeEscalation == false
               && security.ReadOnlyRootFilesystem == true
               && security.Capabilities?.Drop?.Contains("ALL") == true
               && security.Capabilities.Add is null or { Count: 0 };
    }

    /// <summary>The host's shutdown timeout and the preStop pause fit in the grace period with 5 s to spare.</summary>
    private static bool OutlivesShutdown(V1PodSpec pod, V1Container container)
    {
        var shutdown = (container.Env ?? []).FirstOrDefault(variable => variable.Name == "DOTNET_shutdownTimeoutSeconds")?.Value;
        var pause = container.Lifecycle?.PreStop?.Sleep?.Seconds ?? 0;
        return int.TryParse(shutdown, out var seconds) && pod.TerminationGracePeriodSeconds >= seconds + pause + 5;
    }
}
