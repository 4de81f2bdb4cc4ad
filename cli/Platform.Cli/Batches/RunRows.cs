using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.Contracts.Http.Tasks;

namespace Platform.Cli.Batches;

/// <summary>
/// Turns an input file into tasks. Importing an existing task id replaces its content, so every run's ids carry its
/// <see cref="RunKey"/>: two files that both number their rows 1, 2, 3 never collide, and the same run again reuses its own.
/// </summary>
public static partial class RunRows
{
    public const string DefaultIdColumn = "id";

    public static string RunId(string runKey) => $"cli_{runKey}";

    /// <param name="idColumn">null: the `id` column when the file has one, else row numbers; "": row numbers.</param>
    public static IReadOnlyList<RunRow> Plan(TableFile input, string contentColumn, string? idColumn, string runId)
    {
        if (!input.Columns.Contains(contentColumn))
        {
            throw new CliException($"The input has no column '{contentColumn}' (it has: {string.Join(", ", input.Columns)}); choose one with --content-column.");
        }

        if (idColumn is { Length: > 0 } && !input.Columns.Contains(idColumn))
        {
            throw new CliException($"The input has no column '{idColumn}' for --id-column; pass --id-column \"\" to number the rows instead.");
        }

        idColumn ??= input.Columns.Contains(DefaultIdColumn) ? DefaultIdColumn : string.Empty;
        var rows = new List<RunRow>(input.Rows.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < input.Rows.Count; index++)
        {
            var values = input.Rows[index];
            var number = index + 1;
            var key = idColumn.Length == 0 ? number.ToString(System.Globalization.CultureInfo.InvariantCulture) : TableFile.TextOf(values[idColumn]).Trim();
            if (!RowKey().IsMatch(key))
            {
                throw new CliException($"Row {number}: '{key}' in column '{idColumn}' cannot be part of a task id (1-100 letters, digits, '_', '-', '.', ':'); pass --id-column \"\" to number the rows instead.");
            }

            if (!seen.Add(key))
            {
                throw new CliException($"Row {number}: '{key}' in column '{idColumn}' appears more than once; pass --id-column \"\" to number the rows instead.");
            }

            var hasContent = !string.IsNullOrWhiteSpace(TableFile.TextOf(values[contentColumn]));
            rows.Add(new RunRow(number, values, hasContent ? $"{runId}_{key}" : null));
        }

        return rows;
    }

    public static TaskImport ToTask(RunRow row, string contentColumn, string sourceName) =>
        new(row.TaskId!, TableFile.TextOf(row.Values[contentColumn]), JsonSerializer.SerializeToElement(new { source = sourceName, row = row.Number }));

    [GeneratedRegex("^[A-Za-z0-9_.:-]{1,100}$")]
    private static partial Regex RowKey();
}
