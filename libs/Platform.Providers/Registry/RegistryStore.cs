using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Llm.Data;
using Platform.Providers.Models;
using Platform.Llm.Data.Registry;
using Platform.Providers.Routing;
using Platform.Llm.Data.Security;

namespace Platform.Providers.Registry;

/// <summary>
/// Reads and writes the registry's tables. Every write refreshes this replica's <see cref="ModelRegistry"/>
/// at once; other replicas pick it up on their next periodic refresh.
/// </summary>
public sealed partial class RegistryStore(
    LlmDbContext db,
    ModelRegistry registry,
    ModelConfigValidator validator,
    SecretProtector secrets,
    TimeProvider time)
{
    private const string UniqueViolation = "23505";
    private const string VersionIndex = "ix_model_versions_type_name_version";

    public Task<bool> SchemaMigratedAsync(CancellationToken cancellationToken) => db.IsMigratedAsync(cancellationToken);

    public async Task<Dictionary<string, StoredModel>> LoadModelsAsync(CancellationToken cancellationToken) =>
        await db.Set<StoredModel>().AsNoTracking().ToDictionaryAsync(row => row.Id, StringComparer.Ordinal, cancellationToken);

    public async Task<LoadBalancingSettings> LoadBalancingAsync(CancellationToken cancellationToken)
    {
        var row = await db.Set<StoredLoadBalancing>().AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        return row is null
            ? LoadBalancingSettings.Default
            : new LoadBalancingSettings(BalancingStrategyNames.Parse(row.Strategy) ?? BalancingStrategy.RoundRobin,
                TimeSpan.FromSeconds(row.HealthCheckIntervalSeconds), row.FailureThreshold, row.RecoveryThreshold,
                JsonSerializer.Deserialize<Dictionary<string, double>>(row.Weights) ?? []);
    }

    public async Task SaveLoadBalancingAsync(LoadBalancingSettings settings, CancellationToken cancellationToken)
    {
        var row = await db.Set<StoredLoadBalancing>().SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            row = new StoredLoadBalancing { Strategy = "", Weights = "{}" };
            db.Add(row);
        }

        row.Strategy = BalancingStrategyNames.Name(settings.Strategy);
        row.HealthCheckIntervalSeconds = (int)settings.HealthCheckInterval.TotalSeconds;
        row.FailureThreshold = settings.FailureThreshold;
        row.RecoveryThreshold = settings.RecoveryThreshold;
        row.Weights = JsonSerializer.Serialize(settings.Weights);
        row.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await registry.RefreshAsync(cancellationToken);
    }

    /// <summary>
    /// Applies the fields <paramref name="changes"/> sets to model <paramref name="id"/>. A model not
    /// known yet is created when the changes say which provider serves it (`model_type`).
    /// </summary>
    public async Task<ModelChange> SaveModelAsync(string id, ModelDefinition changes, CancellationToken cancellationToken)
    {
        var row = await db.Set<StoredModel>().FindAsync([id], cancellationToken);
        var declared = registry.DeclaredModel(id);
        if (row is null && declared is null && changes.ModelType is null)
        {
            return new ModelChange(ModelChangeOutcome.NotFound, []);
        }

        var previous = row is null ? new ModelDefinition { Id = id } : ToDefinition(row);
        var stored = previous.Overlay(changes);
        var effective = declared?.Overlay(stored) ?? stored;
        var errors = ModelDefinitionRules.KeyStaysWithItsUrl(declared?.Overlay(previous) ?? previous, changes, "model") is { } moved
            ? [moved]
            : ModelDefinitionRules.Validate(effective, validator, "model");
        if (errors.Count > 0)
        {
            return new ModelChange(ModelChangeOutcome.Invalid, errors);
        }

        var now = time.GetUtcNow();
        var created = row is null && declared is null;
        if (row is null)
        {
            row = new StoredModel { Id = id, CreatedAt = now };
            db.Add(row);
        }

        Write(stored, row, now);
        await db.SaveChangesAsync(cancellationToken);
        await registry.RefreshAsync(cancellationToken);
        return new ModelChange(created ? ModelChangeOutcome.Created : ModelChangeOutcome.Updated, []);
    }

    /// <summary>
    /// Stores a version and makes it what its model name serves (the latest registration wins); the
    /// served model keeps the operator's settings (enabled, priority, …) of an earlier version.
    /// </summary>
    public async Task<VersionRegistration> RegisterVersionAsync(NewModelVersion registration, CancellationToken cancellationToken)
    {
        var config = registration.Config;
        var id = IdFor(registration.PublicName);
        var row = await db.Set<StoredModel>().FindAsync([id], cancellationToken);
        if (!registration.Replace && (row is not null || registry.DeclaredModel(id) is not null)
            && !await db.Set<StoredModelVersion>().AnyAsync(
                version => version.ModelType == config.ModelType && version.ModelName == registration.PublicName, cancellationToken))
        {
            return new VersionRegistration(null, AlreadyRegistered: false, [], NameTaken: true);
        }

        var served = (row is null ? new ModelDefinition { Id = id } : ToDefinition(row)) with
        {
            Model = registration.PublicName,
            ModelType = config.ModelType,
            ModelName = config.ModelName,
            BaseUrl = config.BaseUrl,
            ApiKey = config.ApiKey,
            DefaultTemperature = config.Temperature,
            DefaultMaxTokens = config.MaxTokens,
            PromptTemplate = config.PromptTemplate,
        };
        var errors = ModelDefinitionRules.Validate(served, validator, "config");
        if (errors.Count > 0)
        {
            return new VersionRegistration(null, AlreadyRegistered: false, errors);
        }

        var now = time.GetUtcNow();
        var version = new StoredModelVersion
        {
            Id = Guid.CreateVersion7(),
            ModelType = config.ModelType!,
            ModelName = registration.PublicName,
            UpstreamModelName = config.ModelName!,
            Version = registration.Version,
            Description = registration.Description,
            BaseUrl = config.BaseUrl,
            EncryptedApiKey = Protect(config.ApiKey),
            Temperature = config.Temperature,
            MaxTokens = config.MaxTokens,
            PromptTemplate = config.PromptTemplate,
            CreatedAt = now,
        };
        db.Add(version);
        if (row is null)
        {
            row = new StoredModel { Id = id, CreatedAt = now };
            db.Add(row);
        }

        Write(served, row, now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: UniqueViolation, ConstraintName: VersionIndex })
        {
            return new VersionRegistration(null, AlreadyRegistered: true, []);
        }

        await registry.RefreshAsync(cancellationToken);
        return new VersionRegistration(version, AlreadyRegistered: false, []);
    }

    public async Task<IReadOnlyList<ModelVersionRecord>> ListVersionsAsync(string? modelType, string? modelName,
        CancellationToken cancellationToken)
    {
        var query = db.Set<StoredModelVersion>().AsNoTracking();
        if (modelType is not null)
        {
            query = query.Where(version => version.ModelType == modelType);
        }

        if (modelName is not null)
        {
            query = query.Where(version => version.ModelName == modelName);
        }

        var versions = await query.OrderBy(version => version.ModelType).ThenBy(version => version.ModelName)
            .ThenByDescending(version => version.CreatedAt).ToListAsync(cancellationToken);
        var latest = versions.GroupBy(version => (version.ModelType, version.ModelName))
            .Select(group => group.First().Id).ToHashSet();
        return versions.Select(version => new ModelVersionRecord(version, Hint(version.EncryptedApiKey), latest.Contains(version.Id))).ToList();
    }

    /// <summary>
    /// The registered version that answers a call to <paramref name="model"/>: the latest one registered for its type and
    /// name, where the name is the public one or the upstream one it calls (preferring the version at the same base URL).
    /// </summary>
    public async Task<string?> AnsweringVersionAsync(ResolvedModel model, CancellationToken cancellationToken)
    {
        var candidates = await db.Set<StoredModelVersion>().AsNoTracking()
            .Where(version => version.ModelType == model.Kind.ModelType
                && (version.ModelName == model.ModelName || version.UpstreamModelName == model.ModelName))
            .OrderByDescending(version => version.CreatedAt).ToListAsync(cancellationToken);
        return candidates.OrderByDescending(version => version.ModelName == model.ModelName)
            .ThenByDescending(version => version.BaseUrl is not null && new Uri(version.BaseUrl) == model.BaseUrl)
            .FirstOrDefault()?.Version;
    }

    /// <summary>The id a registered model name is served under: the name itself, with characters a URL segment cannot hold replaced.</summary>
    public static string IdFor(string modelName)
    {
        var id = UnsafeIdCharacters().Replace(modelName, "-").TrimStart('.', '_', ':', '-');
        return id.Length > ModelDefinitionRules.MaxIdLength ? id[..ModelDefinitionRules.MaxIdLength] : id;
    }

    [GeneratedRegex("[^A-Za-z0-9._:-]")]
    private static partial Regex UnsafeIdCharacters();

    public ModelDefinition ToDefinition(StoredModel row) => new()
    {
        Id = row.Id,
        Model = row.Model,
        ModelType = row.ModelType,
        ModelName = row.ModelName,
        BaseUrl = row.BaseUrl,
        ApiKey = row.EncryptedApiKey is null ? null : secrets.Unprotect(row.EncryptedApiKey),
        DisplayName = row.DisplayName,
        Type = row.Type,
        Capabilities = row.Capabilities,
        MaxTokens = row.MaxTokens,
        ContextWindow = row.ContextWindow,
        InputPer1KTokens = row.InputPerThousandTokens,
        OutputPer1KTokens = row.OutputPerThousandTokens,
        Enabled = row.Enabled,
        Priority = row.Priority,
        Weight = row.Weight,
        RequestsPerMinute = row.RequestsPerMinute,
        TokensPerMinute = row.TokensPerMinute,
        FallbackModels = row.FallbackModels,
        DefaultTemperature = row.DefaultTemperature,
        DefaultMaxTokens = row.DefaultMaxTokens,
        PromptTemplate = row.PromptTemplate,
    };

    private void Write(ModelDefinition definition, StoredModel row, DateTimeOffset now)
    {
        row.Model = definition.Model;
        row.ModelType = definition.ModelType;
        row.ModelName = definition.ModelName;
        row.BaseUrl = definition.BaseUrl;
        row.EncryptedApiKey = Protect(definition.ApiKey);
        row.DisplayName = definition.DisplayName;
        row.Type = definition.Type;
        row.Capabilities = definition.Capabilities?.ToList();
        row.MaxTokens = definition.MaxTokens;
        row.ContextWindow = definition.ContextWindow;
        row.InputPerThousandTokens = definition.InputPer1KTokens;
        row.OutputPerThousandTokens = definition.OutputPer1KTokens;
        row.Enabled = definition.Enabled;
        row.Priority = definition.Priority;
        row.Weight = definition.Weight;
        row.RequestsPerMinute = definition.RequestsPerMinute;
        row.TokensPerMinute = definition.TokensPerMinute;
        row.FallbackModels = definition.FallbackModels?.ToList();
        row.DefaultTemperature = definition.DefaultTemperature;
        row.DefaultMaxTokens = definition.DefaultMaxTokens;
        row.PromptTemplate = definition.PromptTemplate;
        row.UpdatedAt = now;
    }

    private string? Protect(string? apiKey) => string.IsNullOrEmpty(apiKey) ? null : secrets.Protect(apiKey);

    private string? Hint(string? encryptedApiKey) =>
        encryptedApiKey is null ? null : SecretRedaction.Redact(secrets.Unprotect(encryptedApiKey));
}
