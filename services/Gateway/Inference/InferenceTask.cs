using Platform.Providers.Models;

namespace Platform.Gateway.Inference;

/// <summary>One of seed 001's tasks and the engines that can run it.</summary>
public sealed record InferenceTask(string Name, string Description, IReadOnlyList<string> Engines)
{
    /// <summary>The engines (provider kinds) speaking one of <paramref name="protocols"/>, less <paramref name="except"/>.</summary>
    public static InferenceTask Of(string name, string description, WireProtocol[] protocols, params string[] except) =>
        new(name, description, [.. ProviderKinds.All
            .Where(kind => kind.Callable && protocols.Contains(kind.Protocol) && !except.Contains(kind.ModelType))
            .Select(kind => kind.ModelType)]);
}
