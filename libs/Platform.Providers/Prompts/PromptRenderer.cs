using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace Platform.Providers.Prompts;

/// <summary>
/// Fills a seed `prompt_template`. Only the `{content}` placeholder (and seed 004's `{input_text}`, its
/// synonym) is replaced, in one pass so content holding a placeholder stays as it is: templates often hold
/// literal JSON examples whose braces must survive untouched. A template with neither placeholder is a
/// finished prompt: it is sent as it is and the content is not appended.
/// </summary>
public static partial class PromptRenderer
{
    public static string Render(string template, string content) => Placeholder().Replace(template, _ => content);

    /// <summary>The chat a rendered prompt becomes: the system prompt first when there is one.</summary>
    public static ChatMessage[] Messages(string? systemPrompt, string prompt) => string.IsNullOrEmpty(systemPrompt)
        ? [new(ChatRole.User, prompt)]
        : [new(ChatRole.System, systemPrompt), new(ChatRole.User, prompt)];

    [GeneratedRegex(@"\{content\}|\{input_text\}")]
    private static partial Regex Placeholder();
}
