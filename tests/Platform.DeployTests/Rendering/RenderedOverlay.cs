using System.Collections.Concurrent;
using CliWrap;
using CliWrap.Buffered;
using k8s;
using k8s.Models;
using Platform.DeployTests.Keda;

namespace Platform.DeployTests.Rendering;

/// <summary>
/// An overlay as `kubectl kustomize` renders it, every object parsed strictly into KubernetesClient's typed
/// models (or the KEDA records), so an unknown kind or field fails here as the API server would refuse it.
/// </summary>
public sealed class RenderedOverlay
{
    private const string SecretsExample = ".env.example";

    private static readonly ConcurrentDictionary<string, Lazy<Task<RenderedOverlay>>> Cache = new();

    private static readonly Dictionary<string, Type> KedaTypes = new()
    {
        [ScaledObject.TypeKey] = typeof(ScaledObject),
        [TriggerAuthentication.TypeKey] = typeof(TriggerAuthentication),
    };

    private RenderedOverlay(IReadOnlyList<object> objects) => Objects = objects;

    public IReadOnlyList<object> Objects { get; }

    /// <summary>Deployments, StatefulSets and Jobs with their pod templates.</summary>
    public IEnumerable<Workload> Workloads =>
        Objects.OfType<V1Deployment>().Select(d => new Workload("Deployment", d.Metadata.Name, d.Spec.Template))
            .Concat(Objects.OfType<V1StatefulSet>().Select(s => new Workload("StatefulSet", s.Metadata.Name, s.Spec.Template)))
            .Concat(Objects.OfType<V1Job>().Select(j => new Workload("Job", j.Metadata.Name, j.Spec.Template)));

    public static Task<RenderedOverlay> LoadAsync(string overlay) =>
        Cache.GetOrAdd(overlay, name => new Lazy<Task<RenderedOverlay>>(() => RenderAsync(name))).Value;

    /// <summary>
    /// Renders a copy of deploy/ whose secrets/*.env files are made from the checked-in examples, as an
    /// operator's first step does, so that no real secret on this machine is read.
    /// </summary>
    private static async Task<RenderedOverlay> RenderAsync(string overlay)
    {
        var copy = Directory.CreateTempSubdirectory("deploy-");
        try
        {
            CopyWithoutSecrets(new DirectoryInfo(Repository.Deploy), copy);
            foreach (var example in copy.EnumerateFiles("*" + SecretsExample, SearchOption.AllDirectories))
            {
                example.CopyTo(example.FullName[..^".example".Length]);
            }

            var result = await Cli.Wrap("kubectl")
                .WithArguments(["kustomize", Path.Combine(copy.FullName, "overlays", overlay)])
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync();
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"kubectl kustomize overlays/{overlay} failed: {result.StandardError}");
            }
            return new RenderedOverlay(KubernetesYaml.LoadAllFromString(result.StandardOutput, KedaTypes, strict: true));
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }

    private static void CopyWithoutSecrets(DirectoryInfo source, DirectoryInfo target)
    {
        foreach (var file in source.EnumerateFiles().Where(file => !(source.Name == "secrets" && file.Extension == ".env")))
        {
            file.CopyTo(Path.Combine(target.FullName, file.Name));
        }
        foreach (var directory in source.EnumerateDirectories())
        {
            CopyWithoutSecrets(directory, target.CreateSubdirectory(directory.Name));
        }
    }
}
