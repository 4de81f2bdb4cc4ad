namespace Platform.Contracts.Http.Models;

/// <summary>A model configuration exactly as the seeds' JSON carries it (`ai_model_config`).</summary>
public sealed record AiModelConfig
{
    public string? ModelType { get; init; }
    public string? ModelName { get; init; }
    public string? ApiKey { get; init; }
    public string? BaseUrl { get; init; }
    public double? Temperature { get; init; }
    public int? MaxTokens { get; init; }
    public string? PromptTemplate { get; init; }

    /// <summary>Sent as the system message before the prompt (seed 004's `system_prompt`); part of the cache key.</summary>
    public string? SystemPrompt { get; init; }

    /// <summary>Seed 004's `enable_cache`: false neither reads nor writes the prediction cache. Default true.</summary>
    public bool? EnableCache { get; init; }

    /// <summary>Seed 004's `cache_ttl`: seconds the answers of this config stay cached (default: the platform's TTL).</summary>
    public int? CacheTtl { get; init; }
}
