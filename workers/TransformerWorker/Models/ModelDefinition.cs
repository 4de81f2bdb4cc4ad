using System.Security.Cryptography;
using System.Text;
using Platform.Transformer;

namespace Platform.TransformerWorker.Models;

/// <summary>
/// What identifies a model: its config and its weights (a seed or a file). Every replica builds the same
/// bits from the same definition, so any replica can serve it.
/// </summary>
public sealed record ModelDefinition(string Name, TransformerConfig Config, int Seed, string? WeightsPath)
{
    /// <summary>Seed 001's cache key, `engine:model_name`, with the engine that names this worker: `local`.</summary>
    public string CacheKey => $"local:{Name}";

    /// <summary>float32 parameters: what loading the model adds to the process.</summary>
    public long MemoryBytes => GptModel.CountParameters(Config) * sizeof(float);

    /// <summary>A model known only by its config, named after a hash of config and seed so that replicas agree on the name.</summary>
    public static ModelDefinition FromConfig(TransformerConfig config, int seed)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{config.ToJson()}|{seed}"));
        return new ModelDefinition($"config-{Convert.ToHexStringLower(hash)[..12]}", config, seed, null);
    }

    public GptModel Load() => WeightsPath is null ? GptModel.Create(Config, Seed) : GptModel.LoadSafetensors(WeightsPath, Config);
}
