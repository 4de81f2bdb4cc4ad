using System.Text.Json.Nodes;
using Platform.Contracts.Http.Batches;

namespace Platform.Cli.Batches;

/// <summary>
/// The output rows of seed 004's script: `row_index`, the input columns, each of `output_json_fields` as its own column
/// (without them the whole `prediction` and its `confidence`), `raw_response` and `parsing_success`; then the platform's
/// `status` and `error`. A result column whose name the input already uses is prefixed `llm_`.
/// </summary>
public sealed class RunOutput
{
    private const string RowIndex = "row_index";
    private const string Prediction = "prediction";
    private const string Confidence = "confidence";
    private const string RawResponse = "raw_response";
    private const string ParsingSuccess = "parsing_success";
    private const string Status = "status";
    private const string Error = "error";

    private readonly IReadOnlyList<string> _inputColumns;
    private readonly IReadOnlyList<string> _jsonFields;
    private readonly Dictionary<string, string> _names;

    public RunOutput(IReadOnlyList<string> inputColumns, IReadOnlyList<string> jsonFields)
    {
        _inputColumns = inputColumns;
        _jsonFields = jsonFields;
        string[] answerColumns = jsonFields.Count == 0 ? [Prediction, Confidence] : [.. jsonFields];
        _names = new[] { RowIndex }.Concat(answerColumns).Concat([RawResponse, ParsingSuccess, Status, Error]).Distinct()
            .ToDictionary(name => name, name => inputColumns.Contains(name) ? $"llm_{name}" : name);
    }

    public TableFile Build(IReadOnlyList<RunRow> rows, IReadOnlyDictionary<string, ItemResultView> results, string contentColumn)
    {
        var columns = new[] { _names[RowIndex] }.Concat(_inputColumns).Concat(_names.Values.Skip(1)).ToList();
        var outputRows = rows.Select(row =>
        {
            var result = row.TaskId is null ? null : results.GetValueOrDefault(row.TaskId);
            var prediction = result is null ? null : JobResults.PredictionOf(result);
            var values = new JsonObject { [_names[RowIndex]] = row.Number - 1 };
            foreach (var (column, value) in row.Values)
            {
                values[column] = value?.DeepClone();
            }

            if (_jsonFields.Count == 0)
            {
                values[_names[Prediction]] = prediction;
                values[_names[Confidence]] = result?.Confidence;
            }
            else
            {
                foreach (var field in _jsonFields)
                {
                    values[_names[field]] = (prediction as JsonObject)?[field]?.DeepClone();
                }
            }

            values[_names[RawResponse]] = result?.RawText;
            values[_names[ParsingSuccess]] = prediction is not null;
            values[_names[Status]] = result?.Status ?? (row.TaskId is null ? "skipped" : "cancelled");
            values[_names[Error]] = row.TaskId is null ? $"no content in column '{contentColumn}'" : result?.Error;
            return values;
        }).ToList();
        return new TableFile(columns, outputRows);
    }
}
