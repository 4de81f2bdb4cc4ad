using k8s.Models;

namespace Platform.DeployTests.Rendering;

/// <summary>The configuration keys a container sees: its own env entries and every key of what it loads with envFrom.</summary>
public static class Settings
{
    public static ISet<string> Of(V1Container container, RenderedOverlay overlay)
    {
        var keys = new HashSet<string>((container.Env ?? []).Select(variable => variable.Name), StringComparer.OrdinalIgnoreCase);
        foreach (var source in container.EnvFrom ?? [])
        {
            var loaded = source.ConfigMapRef is { } configMap
                ? overlay.Objects.OfType<V1ConfigMap>().SingleOrDefault(map => map.Metadata.Name == configMap.Name)?.Data?.Keys
                : overlay.Objects.OfType<V1Secret>().SingleOrDefault(secret => secret.Metadata.Name == source.SecretRef?.Name)?.Data?.Keys;
            keys.UnionWith(loaded ?? []);
        }
        return keys;
    }

    /// <summary>A literal env value, or one from a ConfigMap the container loads.</summary>
    public static string? Value(V1Container container, RenderedOverlay overlay, string key) =>
        (container.Env ?? []).FirstOrDefault(variable => variable.Name == key)?.Value
        ?? (container.EnvFrom ?? []).Select(source => source.ConfigMapRef?.Name)
            .SelectMany(name => overlay.Objects.OfType<V1ConfigMap>().Where(map => map.Metadata.Name == name))
            .Select(map => map.Data is not null && map.Data.TryGetValue(key, out var value) ? value : null)
            .FirstOrDefault(value => value is not null);
}
