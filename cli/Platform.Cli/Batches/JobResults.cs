using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Platform.Cli.Gateway;
using Platform.Contracts.Http.Batches;

namespace Platform.Cli.Batches;

/// <summary>Every result of a job, page by page, and the columns the command line writes them in.</summary>
public static class JobResults
{
    public const int PageSize = 1000;

    public static readonly string[] ExportColumns =
        ["task_id", "model_type", "model_name", "status", "prediction", "raw_response", "confidence", "processing_time", "attempts", "error", "error_code"];

    /// <summary>Successes and failures page by page: the Gateway pages `results` and `failed_tasks_details` separately, here in step.</summary>
    public static async IAsyncEnumerable<ItemResultView> ReadAllAsync(GatewayClient gateway, string jobId,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var offset = 0; ; offset += PageSize)
        {
            var page = await gateway.GetJobAsync(jobId, offset, PageSize, cancellationToken, failedOffset: offset);
            foreach (var result in page.Results.Concat(page.FailedTasksDetails.Select(failure => failure.ToResult())))
            {
                yield return result;
            }

            if (page.Results.Count < PageSize && page.FailedTasksDetails.Count < PageSize)
            {
                yield break;
            }
        }
    }

    public static JsonNode? PredictionOf(ItemResultView result) =>
        result.Prediction is { } prediction ? JsonNode.Parse(prediction.GetRawText()) : null;

    /// <summary>A result as an export row: the prediction as JSON, the raw answer only when no JSON could be extracted.</summary>
    public static JsonObject ToRow(ItemResultView result) => new()
    {
        ["task_id"] = result.TaskId,
        ["model_type"] = result.ModelType,
        ["model_name"] = result.ModelName,
        ["status"] = result.Status,
        ["prediction"] = PredictionOf(result),
        ["raw_response"] = result.RawText,
        ["confidence"] = result.Confidence,
        ["processing_time"] = result.ProcessingTime,
        ["attempts"] = result.Attempts,
        ["error"] = result.Error,
        ["error_code"] = result.ErrorCode,
    };
}
