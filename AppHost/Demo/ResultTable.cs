using System.Globalization;
using System.Text.Json.Nodes;

namespace Platform.AppHost.Demo;

/// <summary>A batch job's results as a text table, aligned for terminals where CJK characters take two columns.</summary>
internal static class ResultTable
{
    private static readonly (string Title, int Width)[] Columns =
        [("task", 12), ("content", 30), ("sentiment", 30), ("confidence", 10), ("time", 8)];

    public static void Print(JsonNode job, IReadOnlyDictionary<string, string> contentByTaskId, Action<string> say)
    {
        say(Row(Columns.Select(column => column.Title)));
        say(Row(Columns.Select(column => new string('-', column.Width))));
        foreach (var result in job["results"]?.AsArray() ?? [])
        {
            var taskId = result?["task_id"]?.ToString() ?? "";
            var prediction = result?["prediction"];
            say(Row(
            [
                taskId,
                contentByTaskId.GetValueOrDefault(taskId, ""),
                Sentiment(prediction, result?["raw_text"]?.ToString()),
                prediction is JsonObject fields ? Number(fields["confidence"], "0.00") : "",
                Number(result?["processing_time"], "0.00") + "s",
            ]));
        }

        var failures = job["failed_tasks_details"]?.AsArray() ?? [];
        if (failures.Count > 0)
        {
            say($"{failures.Count} failed:");
            foreach (var failure in failures)
            {
                say($"  {failure?["task_id"]}: {failure?["error"]}");
            }
        }
    }

    /// <summary>The answer's sentiment; an answer holding no JSON (the untrained local model's) shows its start, marked raw.</summary>
    private static string Sentiment(JsonNode? prediction, string? rawText) => prediction switch
    {
        JsonObject fields when fields["sentiment"] is { } sentiment => sentiment.ToString(),
        null => $"raw: {rawText?.Trim() ?? ""}",
        _ => prediction.ToJsonString(),
    };

    private static string Number(JsonNode? value, string format) =>
        value is JsonValue number && number.TryGetValue<double>(out var parsed)
            ? parsed.ToString(format, CultureInfo.InvariantCulture)
            : value?.ToString() ?? "";

    private static string Row(IEnumerable<string> cells) =>
        string.Join("  ", cells.Zip(Columns, (cell, column) => Fit(cell, column.Width)));

    /// <summary>Cuts <paramref name="text"/> to <paramref name="width"/> terminal columns (with an ellipsis) and pads it to exactly that.</summary>
    private static string Fit(string text, int width)
    {
        var flat = text.ReplaceLineEndings(" ");
        if (TotalColumns(flat) > width)
        {
            // Keep what fits in all but the last column, which the ellipsis takes.
            var (kept, used) = (0, 0);
            while (used + ColumnsOf(flat[kept]) < width)
            {
                used += ColumnsOf(flat[kept++]);
            }
            flat = flat[..kept] + "…";
        }
        return flat + new string(' ', Math.Max(0, width - TotalColumns(flat)));
    }

    private static int TotalColumns(string text) => text.Sum(ColumnsOf);

    private static int ColumnsOf(char c) => c is
        >= '\u1100' and <= '\u115F' or      // Hangul Jamo
        >= '\u2E80' and <= '\uA4CF' or      // CJK radicals … Yi, CJK punctuation and ideographs included
        >= '\uAC00' and <= '\uD7A3' or      // Hangul syllables
        >= '\uF900' and <= '\uFAFF' or      // CJK compatibility ideographs
        >= '\uFE30' and <= '\uFE4F' or      // CJK compatibility forms
        >= '\uFF00' and <= '\uFF60' or      // full-width forms
        >= '\uFFE0' and <= '\uFFE6'
        ? 2
        : 1;
}
