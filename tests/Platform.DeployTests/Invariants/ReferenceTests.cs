using System.Text.RegularExpressions;
using k8s.Models;
using Platform.DeployTests.Keda;
using Platform.DeployTests.Rendering;

namespace Platform.DeployTests.Invariants;

/// <summary>Every Secret and ConfigMap a pod or KEDA reads exists, secrets live only in Secrets, and every service gets its settings.</summary>
public sealed partial class ReferenceTests(string overlay) : OverlayFixture(overlay)
{
    [Test]
    public void Every_secret_and_config_map_reference_exists_with_its_key()
    {
        var containers = Rendered.Workloads.SelectMany(workload => workload.Containers.Select(c => (Owner: $"{workload}/{c.Name}", Container: c)));
        var references = containers.SelectMany(pair => References(pair.Container).Select(reference => (pair.Owner, reference.Kind, reference.Name, reference.Key)))
            .Concat(Rendered.Objects.OfType<TriggerAuthentication>().SelectMany(auth => auth.Spec.SecretTargetRef
                .Select(target => (Owner: $"TriggerAuthentication/{auth.Metadata.Name}", Kind: "Secret", target.Name, Key: (string?)target.Key))));

        var dangling = references.Where(reference => !Exists(reference.Kind, reference.Name, reference.Key))
            .Select(reference => $"{reference.Owner} -> {reference.Kind} {reference.Name} {reference.Key}");

        Assert.That(dangling, Is.Empty);
    }

    [Test]
    public void Every_trigger_authentication_a_scaled_object_names_exists()
    {
        var authentications = Rendered.Objects.OfType<TriggerAuthentication>().Select(auth => auth.Metadata.Name).ToHashSet();
        var dangling = Rendered.Objects.OfType<ScaledObject>().SelectMany(scaled => scaled.Spec.Triggers)
            .Select(trigger => trigger.AuthenticationRef?.Name).Where(name => name is null || !authentications.Contains(name));

        Assert.That(dangling, Is.Empty);
    }

    [Test]
    public void Secrets_are_only_in_secrets()
    {
        var inConfigMaps = Rendered.Objects.OfType<V1ConfigMap>().SelectMany(map => (map.Data ?? new Dictionary<string, string>())
            .Select(setting => (Where: $"ConfigMap {map.Metadata.Name}: {setting.Key}", setting.Key, setting.Value)));
        var inEnv = Rendered.Workloads.SelectMany(workload => workload.Containers).SelectMany(c => (c.Env ?? [])
            .Where(variable => variable.Value is not null).Select(variable => (Where: $"env {c.Name}: {variable.Name}", Key: variable.Name, variable.Value)));

        // Only where a setting is is reported, never its value.
        var exposed = inConfigMaps.Concat(inEnv)
            .Where(setting => SecretName().IsMatch(setting.Key) || UrlCredentials().IsMatch(setting.Value)).Select(setting => setting.Where);

        Assert.That(exposed, Is.Empty);
    }

    [TestCase("gateway", "ConnectionStrings__postgres", "ConnectionStrings__rabbitmq", "Secrets__EncryptionKey", "Auth__ApiKeys__0",
        "Services__Jobs__BaseUrl", "Services__Transformer__BaseUrl", "Providers__LocalBaseUrl", "Internal__Token")]
    [TestCase("jobs", "ConnectionStrings__postgres", "ConnectionStrings__rabbitmq", "Secrets__EncryptionKey", "Internal__Token")]
    [TestCase("provider-worker", "ConnectionStrings__postgres", "ConnectionStrings__rabbitmq", "Secrets__EncryptionKey", "Providers__LocalBaseUrl",
        "Internal__Token")]
    [TestCase("transformer-worker", "ConnectionStrings__postgres", "ConnectionStrings__rabbitmq", "Secrets__EncryptionKey", "Internal__Token")]
    [TestCase("migrate-llm", "ConnectionStrings__postgres", "ConnectionStrings__rabbitmq")]
    [TestCase("migrate-jobs", "ConnectionStrings__postgres", "ConnectionStrings__rabbitmq")]
    public void Every_service_gets_the_settings_it_needs(string workload, params string[] keys)
    {
        var container = Rendered.Workloads.Single(w => w.Name == workload).Pod.Containers.Single();

        Assert.That(Settings.Of(container, Rendered), Is.SupersetOf(keys));
    }

    [Test]
    public void Internal_base_urls_name_services_of_the_overlay()
    {
        var services = Rendered.Objects.OfType<V1Service>().Select(service => service.Metadata.Name).ToHashSet();
        var urls = Rendered.Objects.OfType<V1ConfigMap>().SelectMany(map => map.Data ?? new Dictionary<string, string>())
            .Where(setting => setting.Key.EndsWith("BaseUrl", StringComparison.Ordinal));

        Assert.That(urls.Where(url => !services.Contains(new Uri(url.Value).Host)).Select(url => url.Key), Is.Empty);
    }

    private static IEnumerable<(string Kind, string Name, string? Key)> References(V1Container container)
    {
        foreach (var source in container.EnvFrom ?? [])
        {
            yield return source.ConfigMapRef is { } map ? ("ConfigMap", map.Name, null) : ("Secret", source.SecretRef.Name, null);
        }
        // fieldRef and resourceFieldRef read the pod itself.
        foreach (var from in (container.Env ?? []).Select(variable => variable.ValueFrom))
        {
            if (from?.SecretKeyRef is { } secret)
            {
                yield return ("Secret", secret.Name, secret.Key);
            }
            else if (from?.ConfigMapKeyRef is { } map)
            {
                yield return ("ConfigMap", map.Name, map.Key);
            }
        }
    }

    private bool Exists(string kind, string name, string? key) => kind == "Secret"
        ? Rendered.Objects.OfType<V1Secret>().Any(secret => secret.Metadata.Name == name && (key is null || secret.Data?.ContainsKey(key) == true))
        : Rendered.Objects.OfType<V1ConfigMap>().Any(map => map.Metadata.Name == name && (key is null || map.Data?.ContainsKey(key) == true));

    [GeneratedRegex("ApiKey|EncryptionKey|Password|_PASS|ConnectionStrings|Token", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"://[^/@\s]+:[^/@\s]+@")]
    private static partial Regex UrlCredentials();
}
