using System.Text;
using System.Text.RegularExpressions;

namespace Platform.Jobs.Domain;

/// <summary>
/// PostgreSQL's text and jsonb hold neither U+0000 nor unpaired surrogates. Input with them is refused at the
/// API; a model's answer with them is stored with U+FFFD in their place, and the item records that it was.
/// </summary>
public static partial class StorableText
{
    private const char Replacement = '\uFFFD';

    /// <summary>Null when <paramref name="text"/> can be stored as it is, else what is wrong with it.</summary>
    public static string? Problem(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            return "contains the NUL character (U+0000)";
        }

        return HasLoneSurrogate(text) ? "contains an unpaired UTF-16 surrogate (not valid Unicode)" : null;
    }

    /// <summary>As <see cref="Problem"/>, for JSON text, whose escapes jsonb refuses as well.</summary>
    public static string? JsonProblem(string? json) =>
        Problem(json) ?? (json is not null && RefusedEscape().IsMatch(json) ? "contains an escaped NUL or unpaired surrogate (\\u0000, \\uD800...)" : null);

    /// <summary>Text with U+0000 and unpaired surrogates replaced by U+FFFD; <paramref name="replaced"/> says whether any were.</summary>
    public static string? Clean(string? text, ref bool replaced)
    {
        if (Problem(text) is null)
        {
            return text;
        }

        replaced = true;
        var builder = new StringBuilder(text!.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else
            {
                builder.Append(c == '\0' || char.IsSurrogate(c) ? Replacement : c);
            }
        }

        return builder.ToString();
    }

    /// <summary>JSON text whose escapes jsonb refuses (`\u0000`, unpaired `\uD800`-`\uDFFF`) written as `\uFFFD`.</summary>
    public static string? CleanJson(string? json, ref bool replaced)
    {
        var text = Clean(json, ref replaced);
        if (text is null || !text.Contains("\\u", StringComparison.OrdinalIgnoreCase))
        {
            return text;
        }

        var cleaned = RefusedEscape().Replace(text, "\\uFFFD");
        replaced |= cleaned != text;
        return cleaned;
    }

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>`\u0000`, a high-surrogate escape not followed by a low one, or a low one not preceded by a high one.</summary>
    [GeneratedRegex(@"\\u0000|\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}")]
    private static partial Regex RefusedEscape();
}
