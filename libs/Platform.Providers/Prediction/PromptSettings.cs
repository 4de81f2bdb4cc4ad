using Microsoft.Extensions.AI;

namespace Platform.Providers.Prediction;

/// <summary>
/// A caller's prompt template and sampling settings for a registered model; what is left out keeps the
/// model's own. (A config carried by the request has them in its <see cref="Models.ResolvedModel"/>.)
/// </summary>
public sealed record PromptSettings(string? PromptTemplate, double? Temperature, int? MaxTokens, string? SystemPrompt = null)
{
    public static PromptSettings ModelDefaults { get; } = new(null, null, null);

    public ChatOptions? ToChatOptions() => Temperature is null && MaxTokens is null
        ? null
        : new ChatOptions { Temperature = (float?)Temperature, MaxOutputTokens = MaxTokens };
}
