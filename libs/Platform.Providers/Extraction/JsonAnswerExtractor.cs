using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Platform.Providers.Extraction;

/// <summary>
/// Models answer JSON in three usual ways: the whole text, a fenced ```json block, or an object
/// embedded in prose. They are tried in that order; the first that parses wins.
/// </summary>
public static partial class JsonAnswerExtractor
{
    private static readonly JsonDocumentOptions Lenient = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    public static ExtractedAnswer Extract(string text)
    {
        var json = ParseWhole(text.Trim()) ?? ParseFencedBlocks(text) ?? ParseFirstEmbeddedObject(text);
        return new ExtractedAnswer(json, json is { } value ? ReadConfidence(value) : null);
    }

    private static JsonElement? ParseWhole(string text)
    {
        if (text.Length == 0 || (text[0] != '{' && text[0] != '['))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text, Lenient);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonElement? ParseFencedBlocks(string text)
    {
        foreach (Match block in FencedBlock().Matches(text))
        {
            if (ParseWhole(block.Groups["body"].Value.Trim()) is { } json)
            {
                return json;
            }
        }

        return null;
    }

    /// <summary>Tries each `{` in turn and reads exactly one JSON value from it, ignoring what follows.</summary>
    private static JsonElement? ParseFirstEmbeddedObject(string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        for (var start = Array.IndexOf(utf8, (byte)'{'); start >= 0; start = Array.IndexOf(utf8, (byte)'{', start + 1))
        {
            var reader = new Utf8JsonReader(utf8.AsSpan(start), new JsonReaderOptions
            {
                AllowTrailingCommas = true,
                CommentHandling = JsonCommentHandling.Skip,
            });
            try
            {
                if (JsonDocument.TryParseValue(ref reader, out var document))
                {
                    using (document)
                    {
                        return document.RootElement.Clone();
                    }
                }
            }
            catch (JsonException)
            {
                // Not a complete object at this brace; try the next one.
            }
        }

        return null;
    }

    /// <summary>Reads `confidence` as a fraction; percentages (1 &lt; x ≤ 100) are scaled down.</summary>
    private static double? ReadConfidence(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object || !json.TryGetProperty("confidence", out var field))
        {
            return null;
        }

        double? value = field.ValueKind switch
        {
            JsonValueKind.Number => field.GetDouble(),
            JsonValueKind.String when double.TryParse(field.GetString()?.TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
        return value switch
        {
            >= 0 and <= 1 => value,
            > 1 and <= 100 => value / 100,
            _ => null,
        };
    }

    [GeneratedRegex(@"```[A-Za-z0-9_-]*[ \t]*\r?\n?(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex FencedBlock();
}
