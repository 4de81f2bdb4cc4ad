using Microsoft.Extensions.Options;
using Platform.Transformer;

namespace Platform.TransformerWorker.Models;

/// <summary>The named models of `Transformer:Models`; their configs are validated at start-up.</summary>
public sealed class LocalModelCatalog
{
    private readonly Dictionary<string, LocalModelDefinition> _models;

    public LocalModelCatalog(IOptions<TransformerOptions> options)
    {
        var settings = options.Value;
        _models = settings.Models.ToDictionary(
            model => model.Key,
            model => new LocalModelDefinition(model.Key, Parse(model.Key, model.Value.Config), model.Value.Seed ?? settings.Seed, model.Value.WeightsPath),
            StringComparer.Ordinal);
    }

    public IReadOnlyCollection<string> Names => _models.Keys;

    public LocalModelDefinition? Find(string name) => _models.GetValueOrDefault(name);

    private static TransformerConfig Parse(string name, string json)
    {
        try
        {
            return TransformerConfig.FromJson(json);
        }
        catch (TransformerConfigException e)
        {
            throw new InvalidOperationException($"Transformer:Models:{name}:Config is not valid: {e.Message}", e);
        }
    }
}
