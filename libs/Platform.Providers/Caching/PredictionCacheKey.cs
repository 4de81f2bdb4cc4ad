using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Platform.Providers.Models;

namespace Platform.Providers.Caching;

/// <summary>
/// The cache key of a call: SHA-256 over everything that changes the answer — provider kind, model,
/// base URL, system prompt, rendered prompt and sampling parameters — and nothing that does not
/// (the API key, the task id). Seed 004 hashed the content alone, which would hand one model's
/// answer to another. The owner (an API key's id) keeps one key from probing another's answers; it is
/// null only where the operator shares the cache across owners.
/// </summary>
public static class PredictionCacheKey
{
    /// <summary>Bumped when the key's composition changes, so old entries simply stop matching.</summary>
    private const string Version = "v2";

    /// <param name="options">Per-call parameters; where they are absent the model's own defaults apply, as in the call itself.</param>
    /// <param name="owner">Whose entry it is; null for an entry every owner shares.</param>
    public static string Build(ResolvedModel model, string renderedPrompt, string? systemPrompt = null, ChatOptions? options = null,
        string? owner = null)
    {
        // A JSON array keeps fields apart: no prompt text can imitate a field boundary.
        string?[] parts =
        [
            Version,
            model.Kind.ModelType,
            model.ModelName,
            model.BaseUrl.AbsoluteUri,
            systemPrompt,
            renderedPrompt,
            Format(options?.Temperature ?? model.Temperature),
            Format(options?.MaxOutputTokens ?? model.MaxTokens),
            Format(options?.TopP),
            owner,
        ];
        return Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(parts)));
    }

    /// <summary>Sampling parameters travel as 32-bit floats, so 0.2 from a config and 0.2f from a request are one value.</summary>
    private static string? Format(double? value) => ((float?)value)?.ToString("R", CultureInfo.InvariantCulture);

    private static string? Format(int? value) => value?.ToString(CultureInfo.InvariantCulture);
}
