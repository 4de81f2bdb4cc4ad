using System.Security.Cryptography;
using System.Text;
using Platform.Transformer;
using Platform.Transformer.Kernels;

namespace Platform.TransformerWorker.Models;

/// <summary>
/// What identifies a model: its config and its weights (a seed or a file). Every replica builds the same
/// bits from the same definition, so any replica can serve it.
/// </summary>
public sealed record LocalModelDefinition(string Name, TransformerConfig Config, int Seed, string? WeightsPath)
{
    /// <summary>Seed 001's cache key, `engine:model_name`, with the engine that names this worker: `local`.</summary>
    public string CacheKey => $"local:{Name}";

    /// <summary>What the model takes once loaded and running: its float32 parameters, and a full-context forward pass's activations, logits and KV cache.</summary>
    public long MemoryBytes => ModelMemory.Of(Config).TotalBytes;

    /// <summary>The float32 parameters alone: the model's size as reported.</summary>
    public long ParameterBytes => ModelMemory.Of(Config).ParameterBytes;

    /// <summary>A model known only by its config, named after a hash of config and seed so that replicas agree on the name.</summary>
    public static LocalModelDefinition FromConfig(TransformerConfig config, int seed)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{config.ToJson()}|{seed}"));
        return new LocalModelDefinition($"config-{Convert.ToHexStringLower(hash)[..12]}", config, seed, null);
    }

    /// <summary>Builds or reads the weights; the model's parallel loops run on <paramref name="gang"/>.</summary>
    public GptModel Load(WorkerGang gang) =>
        WeightsPath is null ? GptModel.Create(Config, Seed, gang) : GptModel.LoadSafetensors(WeightsPath, Config, gang);
}
