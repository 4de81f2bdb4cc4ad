using System.Collections.Immutable;
using System.Data.Common;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Contracts.Http.Models;
using Platform.Providers.Models;
using Platform.Llm.Data.Registry;
using Platform.Providers.Routing;

namespace Platform.Providers.Registry;

/// <summary>
/// The models this process serves: those declared in configuration, overlaid and extended by those
/// stored in `llm.models`. Every refresh rebuilds the snapshot and the shared <see cref="ModelCatalog"/>
/// at once; refreshes run one at a time so an older read never replaces a newer one.
/// </summary>
public sealed partial class ModelRegistry(
    IOptions<ModelRegistryOptions> options,
    ModelCatalog catalog,
    ModelConfigValidator validator,
    IServiceScopeFactory scopes,
    ILogger<ModelRegistry> logger) : IDisposable
{
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private ImmutableDictionary<string, ModelDefinition> _declared = ImmutableDictionary<string, ModelDefinition>.Empty;
    private ImmutableDictionary<string, RegistryEntry> _entries = ImmutableDictionary<string, RegistryEntry>.Empty;
    private ImmutableHashSet<string> _reportedProblems = [];
    private bool _schemaMigrated;

    public IReadOnlyList<RegistryEntry> Entries => _entries.Values.OrderBy(entry => entry.Id, StringComparer.Ordinal).ToList();

    public RegistryEntry? Find(string id) => _entries.GetValueOrDefault(id);

    public ModelDefinition? DeclaredModel(string id) => _declared.GetValueOrDefault(id);

    /// <summary>
    /// Checks the models declared in configuration: one that is not usable stops start-up, naming it,
    /// rather than failing every call later.
    /// </summary>
    public void LoadDeclared()
    {
        var declared = options.Value.Models;
        var problems = declared
            .SelectMany((definition, index) => ModelDefinitionRules.Validate(definition, validator, $"Llm:Models:{index} ('{definition.Id}')"))
            .ToList();
        var duplicate = declared.GroupBy(definition => definition.Id).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            problems.Add($"Llm:Models declares the id '{duplicate.Key}' more than once");
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"Invalid model configuration: {string.Join("; ", problems)}");
        }

        _declared = declared.ToImmutableDictionary(definition => definition.Id, StringComparer.Ordinal);
        Publish(_declared.Values.Select(Declared), LoadBalancingSettings.Default);
    }

    /// <summary>
    /// Re-reads the database. When it cannot be read (not migrated yet, or down) the last snapshot
    /// stays in use and the next refresh tries again.
    /// </summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<RegistryStore>();
            // The Gateway owns the schema: until it has migrated, serve the declared models instead of failing a query.
            _schemaMigrated = _schemaMigrated || await store.SchemaMigratedAsync(cancellationToken);
            if (!_schemaMigrated)
            {
                LogSchemaNotMigrated(logger);
                return;
            }

            var stored = await store.LoadModelsAsync(cancellationToken);
            var loadBalancing = await store.LoadBalancingAsync(cancellationToken);
            var entries = _declared.Values.Where(declared => !stored.ContainsKey(declared.Id)).Select(Declared)
                .Concat(stored.Select(row => FromStore(row.Value, store)).OfType<RegistryEntry>());
            Publish(entries, loadBalancing);
        }
        catch (DbException e)
        {
            LogRefreshFailed(logger, e.Message);
        }
        finally
        {
            _refreshing.Release();
        }
    }

    /// <summary>
    /// Whether a public model name is served; a name not seen yet triggers one refresh, so a model
    /// registered through another replica a moment ago is found.
    /// </summary>
    public async Task<bool> ServesAsync(string modelName, CancellationToken cancellationToken)
    {
        if (catalog.DeploymentsOf(modelName).Count > 0)
        {
            return true;
        }

        await RefreshAsync(cancellationToken);
        return catalog.DeploymentsOf(modelName).Count > 0;
    }

    /// <summary>A config with a model name and no model type names a registered model instead of carrying its own.</summary>
    public static bool NamesRegisteredModel(AiModelConfig config) =>
        string.IsNullOrWhiteSpace(config.ModelType) && !string.IsNullOrWhiteSpace(config.ModelName);

    /// <summary>
    /// Checks a config that <see cref="NamesRegisteredModel"/>: the name must be served, the endpoint and
    /// key come from the registry, and the call settings it may add must suit the model that serves it.
    /// </summary>
    public async Task<IReadOnlyList<string>> ValidateNamedAsync(AiModelConfig config, string path, CancellationToken cancellationToken)
    {
        var name = config.ModelName!;
        if (!await ServesAsync(name, cancellationToken))
        {
            return [$"{path}.model_name '{name}' is not a registered model; register it first, or give model_type and a full config"];
        }

        if (config.BaseUrl is not null || config.ApiKey is not null)
        {
            return [$"{path} names registered model '{name}', whose base_url and api_key are the registry's; give model_type to use your own"];
        }

        var served = catalog.DeploymentsOf(name)[0].Target;
        return validator.Validate(config with
        {
            ModelType = served.Kind.ModelType,
            ModelName = served.ModelName,
            BaseUrl = served.BaseUrl.ToString(),
            ApiKey = served.ApiKey,
        }, path);
    }

    public void Dispose() => _refreshing.Dispose();

    private RegistryEntry Declared(ModelDefinition definition) => new(definition, definition.ToDeployment(), Declared: true);

    /// <summary>A stored row over its declared model, if any; skipped (and reported once) when this replica cannot use it.</summary>
    private RegistryEntry? FromStore(StoredModel row, RegistryStore store)
    {
        ModelDefinition stored;
        try
        {
            stored = store.ToDefinition(row);
        }
        catch (CryptographicException)
        {
            Report(row.Id, "its API key cannot be decrypted with this replica's Secrets:EncryptionKey");
            return null;
        }

        var declared = _declared.GetValueOrDefault(row.Id);
        var definition = declared?.Overlay(stored) ?? stored;
        var problems = ModelDefinitionRules.Validate(definition, validator, $"model '{row.Id}'");
        if (problems.Count > 0)
        {
            Report(row.Id, string.Join("; ", problems));
            return null;
        }

        return new RegistryEntry(definition, definition.ToDeployment(), Declared: declared is not null);
    }

    private void Publish(IEnumerable<RegistryEntry> entries, LoadBalancingSettings loadBalancing)
    {
        _entries = entries.ToImmutableDictionary(entry => entry.Id, StringComparer.Ordinal);
        catalog.Replace(_entries.Values.Select(entry => entry.Deployment));
        catalog.LoadBalancing = loadBalancing;
    }

    private void Report(string id, string problem)
    {
        if (ImmutableInterlocked.Update(ref _reportedProblems, set => set.Add($"{id}\n{problem}")))
        {
            LogModelSkipped(logger, id, problem);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The llm schema is not migrated yet (the Gateway migrates it); serving the declared models until it is")]
    private static partial void LogSchemaNotMigrated(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the model registry; serving the last known models: {Reason}")]
    private static partial void LogRefreshFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Registered model {ModelId} is not served by this replica: {Problem}")]
    private static partial void LogModelSkipped(ILogger logger, string modelId, string problem);
}
