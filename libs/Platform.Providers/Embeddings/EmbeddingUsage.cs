using System.Text.Json.Serialization;

namespace Platform.Providers.Embeddings;

public sealed record EmbeddingUsage(
    [property: JsonPropertyName("prompt_tokens")] int PromptTokens,
    [property: JsonPropertyName("total_tokens")] int TotalTokens);
