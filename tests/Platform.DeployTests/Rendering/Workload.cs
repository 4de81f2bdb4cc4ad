using k8s.Models;

namespace Platform.DeployTests.Rendering;

/// <summary>An object that runs pods, named for assertion messages.</summary>
public sealed record Workload(string Kind, string Name, V1PodTemplateSpec Template)
{
    public V1PodSpec Pod => Template.Spec;

    public IDictionary<string, string> Labels => Template.Metadata.Labels;

    public IEnumerable<V1Container> Containers => (Pod.InitContainers ?? []).Concat(Pod.Containers);

    public override string ToString() => $"{Kind}/{Name}";
}
