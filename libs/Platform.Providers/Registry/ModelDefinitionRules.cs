using System.Text.RegularExpressions;
using Platform.Providers.Models;

namespace Platform.Providers.Registry;

/// <summary>What a model definition must satisfy before it is routed to, from configuration or the API alike.</summary>
public static partial class ModelDefinitionRules
{
    public const int MaxIdLength = 128;

    /// <summary>Ids appear in URL paths (`/models/{model_id}`), so they stay within one path segment.</summary>
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:-]*$")]
    private static partial Regex IdPattern();

    public static bool IsValidId(string? id) => id is { Length: > 0 and <= MaxIdLength } && IdPattern().IsMatch(id);

    public static string IdRule => $"a model id is 1 to {MaxIdLength} letters, digits, '.', '_', ':' or '-', starting with a letter or digit";

    /// <summary>
    /// A stored provider key is only ever sent to the base URL it was stored with: a change of `base_url`
    /// that does not give the key again is refused (rather than silently dropping the key).
    /// </summary>
    public static string? KeyStaysWithItsUrl(ModelDefinition before, ModelDefinition changes, string path) =>
        changes.BaseUrl is { } url && changes.ApiKey is null && before.ApiKey is not null
        && !string.Equals(url.TrimEnd('/'), before.BaseUrl?.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)
            ? $"{path}.base_url changes from {before.BaseUrl ?? "the provider's default"} to {url}: give api_key again with it; "
              + "a stored provider key is only sent to the base URL it was stored with"
            : null;

    /// <summary>One message per problem, each naming the field under <paramref name="path"/>.</summary>
    public static IReadOnlyList<string> Validate(ModelDefinition definition, ModelConfigValidator validator, string path)
    {
        var errors = new List<string>();
        if (!IsValidId(definition.Id))
        {
            errors.Add($"{path}.id '{definition.Id}' is not valid: {IdRule}");
        }

        errors.AddRange(validator.Validate(definition.ToConfig(), path));
        AtLeast(errors, $"{path}.priority", definition.Priority, 0);
        AtLeast(errors, $"{path}.rate_limit.requests_per_minute", definition.RequestsPerMinute, 1);
        AtLeast(errors, $"{path}.rate_limit.tokens_per_minute", definition.TokensPerMinute, 1);
        AtLeast(errors, $"{path}.limits.max_tokens", definition.MaxTokens, 1);
        AtLeast(errors, $"{path}.limits.context_window", definition.ContextWindow, 1);
        if (definition.Weight is { } weight && !(weight > 0 && double.IsFinite(weight)))
        {
            errors.Add($"{path}.weight must be greater than 0");
        }

        if (definition.InputPer1KTokens < 0 || definition.OutputPer1KTokens < 0)
        {
            errors.Add($"{path}.pricing must not be negative");
        }

        if (definition.FallbackModels?.Any(string.IsNullOrWhiteSpace) == true)
        {
            errors.Add($"{path}.fallback_models must not contain empty names");
        }
        else if (definition.FallbackModels?.Contains(definition.PublicName) == true)
        {
            errors.Add($"{path}.fallback_models must not name the model itself ('{definition.PublicName}')");
        }

        return errors;
    }

    private static void AtLeast(List<string> errors, string field, int? value, int min)
    {
        if (value < min)
        {
            errors.Add($"{field} must be at least {min}, got {value}");
        }
    }
}
