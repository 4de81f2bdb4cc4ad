using Platform.Providers.Models;

namespace Platform.Providers.Prompts;

/// <summary>
/// Fills a seed `prompt_template`. Only the `{content}` placeholder is replaced: templates often hold
/// literal JSON examples whose braces must survive untouched.
/// </summary>
public static class PromptRenderer
{
    public static string Render(string template, string content) =>
        template.Replace(ModelConfigValidator.ContentPlaceholder, content, StringComparison.Ordinal);
}
