using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;

namespace Platform.Cli.Batches;

/// <summary>
/// Rows of named values read from or written to a `.csv` (header row) or `.jsonl` (one object a line) file.
/// CSV cells are strings; JSON values keep their type and become compact JSON text in a CSV.
/// </summary>
public sealed record TableFile(IReadOnlyList<string> Columns, IReadOnlyList<JsonObject> Rows)
{
    // Keeps non-ASCII text (Chinese reviews, say) readable in the files people open.
    private static readonly JsonSerializerOptions FileJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static TableFile Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"The input file '{path}' does not exist.");
        }

        return IsJsonLines(path) ? ReadJsonLines(path)
            : Path.GetExtension(path).Equals(".csv", StringComparison.OrdinalIgnoreCase) ? ReadCsv(path)
            : throw new CliException($"'{path}' is neither .csv nor .jsonl.");
    }

    /// <summary>Writes a temporary file beside <paramref name="path"/> and renames it over: a crash never leaves half a file.</summary>
    public void Write(string path)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            WriteTo(temporary, IsJsonLines(path));
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private void WriteTo(string path, bool jsonLines)
    {
        if (jsonLines)
        {
            File.WriteAllLines(path, Rows.Select(row => row.ToJsonString(FileJson)));
            return;
        }

        using var csv = CsvWriter.ToFile(path);
        csv.WriteHeader([.. Columns]);
        foreach (var row in Rows)
        {
            csv.WriteRecord([.. Columns.Select(column => TextOf(row[column]))]);
        }
    }

    /// <summary>A cell as text: a string as it is, a boolean as True/False (pandas' CSV, seed 004's output), any other JSON value as compact JSON, nothing as empty.</summary>
    public static string TextOf(JsonNode? value) => value switch
    {
        null => string.Empty,
        JsonValue text when text.TryGetValue<string>(out var raw) => raw,
        JsonValue flag when flag.TryGetValue<bool>(out var truth) => truth ? "True" : "False",
        _ => value.ToJsonString(FileJson),
    };

    private static bool IsJsonLines(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".jsonl" or ".ndjson";

    private static TableFile ReadCsv(string path)
    {
        // Malformed quoting stops the run: recovering would silently merge or split rows.
        var options = new CsvReaderOptions { MalformedData = CsvMalformedDataHandling.Throw, TrackLineNumbers = true };
        try
        {
            using var csv = CsvReader.FromFile(path, options);
            var header = csv.Headers.ToArray();
            if (header.Length == 0)
            {
                throw new CliException($"'{path}' has no header row.");
            }

            if (header.GroupBy(column => column).FirstOrDefault(group => group.Count() > 1) is { } repeated)
            {
                throw new CliException($"'{path}' names the column '{repeated.Key}' more than once.");
            }

            var rows = new List<JsonObject>();
            while (csv.Read())
            {
                var row = new JsonObject();
                for (var index = 0; index < header.Length; index++)
                {
                    row[header[index]] = index < csv.FieldCount ? csv.GetString(index) : null;
                }

                rows.Add(row);
            }

            return new TableFile(header, rows);
        }
        catch (CsvFormatException exception)
        {
            throw new CliException($"'{path}' is not valid CSV: {exception.Message}");
        }
    }

    private static TableFile ReadJsonLines(string path)
    {
        var columns = new List<string>();
        var rows = new List<JsonObject>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JsonNode? node;
            try
            {
                node = JsonNode.Parse(line);
            }
            catch (JsonException exception)
            {
                throw new CliException($"'{path}' line {lineNumber} is not valid JSON: {exception.Message}");
            }

            var row = node as JsonObject ?? throw new CliException($"'{path}' line {lineNumber} is not a JSON object.");
            columns.AddRange(row.Select(property => property.Key).Where(key => !columns.Contains(key)));
            rows.Add(row);
        }

        return new TableFile(columns, rows);
    }
}
