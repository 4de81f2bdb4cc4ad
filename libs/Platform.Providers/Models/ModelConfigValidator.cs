using Platform.Contracts.Http.Models;
namespace Platform.Providers.Models;

/// <summary>Checks a seed `ai_model_config` and resolves it into a callable model with defaults filled in.</summary>
public sealed class ModelConfigValidator(BaseUrlPolicy baseUrlPolicy)
{
    public const string ContentPlaceholder = "{content}";
    public const int MaxTokensLimit = 128_000;
    public const int MaxCacheTtlSeconds = 366 * 24 * 3600;

    /// <summary>Returns one message per problem, each naming the field under <paramref name="path"/>.</summary>
    public IReadOnlyList<string> Validate(AiModelConfig? config, string path)
    {
        if (config is null)
        {
            return [$"{path} is required"];
        }

        var errors = new List<string>();
        var kind = ProviderKinds.Find(config.ModelType);
        if (string.IsNullOrWhiteSpace(config.ModelType))
        {
            errors.Add($"{path}.model_type is required");
        }
        else if (kind is null)
        {
            errors.Add($"{path}.model_type '{config.ModelType}' is unknown; known types: {string.Join(", ", ProviderKinds.All.Select(k => k.ModelType))}");
        }
        else if (!kind.Callable)
        {
            errors.Add($"{path}.model_type '{config.ModelType}' is not supported by this deployment yet");
        }

        if (string.IsNullOrWhiteSpace(config.ModelName))
        {
            errors.Add($"{path}.model_name is required");
        }

        if (config.Temperature is < 0 or > 2)
        {
            errors.Add($"{path}.temperature must be between 0 and 2");
        }

        if (config.MaxTokens is < 1 or > MaxTokensLimit)
        {
            errors.Add($"{path}.max_tokens must be between 1 and {MaxTokensLimit}");
        }

        if (config.CacheTtl is < 1 or > MaxCacheTtlSeconds)
        {
            errors.Add($"{path}.cache_ttl must be between 1 and {MaxCacheTtlSeconds} seconds");
        }

        if (kind is { Callable: true })
        {
            ValidateEndpoint(config, kind, path, errors);
        }

        return errors;
    }

    /// <summary>Resolves a config that <see cref="Validate"/> accepted.</summary>
    public static ResolvedModel Resolve(AiModelConfig config)
    {
        var kind = ProviderKinds.Find(config.ModelType)
            ?? throw new ArgumentException($"model_type '{config.ModelType}' is unknown", nameof(config));
        var baseUrl = config.BaseUrl is { Length: > 0 } given ? new Uri(WithTrailingSlash(given)) : kind.DefaultBaseUrl!;
        return new ResolvedModel(kind, config.ModelName!, baseUrl, config.ApiKey, config.Temperature, config.MaxTokens,
            config.PromptTemplate ?? ContentPlaceholder, config.SystemPrompt, config.EnableCache ?? true,
            config.CacheTtl is { } ttl ? TimeSpan.FromSeconds(ttl) : null);
    }

    private void ValidateEndpoint(AiModelConfig config, ProviderKind kind, string path, List<string> errors)
    {
        if (kind.ModelType == ProviderKinds.Local)
        {
            // The platform's own TransformerWorker answers: a caller cannot point `local` anywhere else.
            if (!string.IsNullOrWhiteSpace(config.BaseUrl))
            {
                errors.Add($"{path}.base_url is not accepted for model_type '{kind.ModelType}': the platform's transformer worker answers it");
            }

            return;
        }

        if (string.IsNullOrWhiteSpace(config.BaseUrl))
        {
            // A default on loopback (Ollama's) is as much a private address as a given one.
            if (kind.DefaultBaseUrl is null)
            {
                errors.Add($"{path}.base_url is required for model_type '{kind.ModelType}'");
            }
            else if (!baseUrlPolicy.IsAllowed(kind.DefaultBaseUrl))
            {
                errors.Add($"{path}.base_url is required for model_type '{kind.ModelType}': its default {kind.DefaultBaseUrl} is not allowed here");
            }
        }
        else if (!Uri.TryCreate(config.BaseUrl, UriKind.Absolute, out var baseUrl))
        {
            errors.Add($"{path}.base_url '{config.BaseUrl}' is not an absolute URL");
        }
        else if (!baseUrlPolicy.IsAllowed(baseUrl))
        {
            errors.Add($"{path}.base_url host '{baseUrl.Host}' is not allowed; use a known provider host or ask the operator to allow it");
        }

        if (kind.RequiresApiKey && string.IsNullOrWhiteSpace(config.ApiKey))
        {
            errors.Add($"{path}.api_key is required for model_type '{kind.ModelType}'");
        }
    }

    private static string WithTrailingSlash(string url) => url.EndsWith('/') ? url : url + "/";
}
