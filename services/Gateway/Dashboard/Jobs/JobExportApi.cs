using Platform.Contracts.Http.Batches;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Platform.Gateway.Dashboard.Access;

namespace Platform.Gateway.Dashboard.Jobs;

/// <summary>A job's results as a download, CSV or JSON lines, read from Jobs page by page as they are written.</summary>
public static class JobExportApi
{
    private static readonly string[] CsvColumns =
        ["task_id", "model_type", "model_name", "status", "prediction", "raw_text", "confidence", "processing_time", "attempts", "error", "error_code"];

    public static RouteGroupBuilder MapJobExportApi(this IEndpointRouteBuilder app)
    {
        var export = app.MapGroup("/dashboard/jobs/{job_id}").WithTags("Dashboard").ExcludeFromDescription();
        export.MapGet("/results.csv", (string job_id, HttpContext context, DashboardJobsClient jobs) =>
            ExportAsync(context, jobs, job_id, "text/csv", WriteCsvAsync));
        export.MapGet("/results.jsonl", (string job_id, HttpContext context, DashboardJobsClient jobs, IOptions<JsonOptions> json) =>
            ExportAsync(context, jobs, job_id, "application/x-ndjson", (writer, results, first) => WriteJsonLinesAsync(writer, results, json.Value)));
        return export;
    }

    private static async Task<IResult> ExportAsync(HttpContext context, DashboardJobsClient jobs, string jobId, string contentType,
        Func<StreamWriter, IReadOnlyList<ItemResultView>, bool, Task> write)
    {
        var caller = DashboardCaller.Of(context.User);
        var cancellationToken = context.RequestAborted;
        var page = await jobs.GetAsync(caller, jobId, 0, DashboardJobsClient.ExportPageSize, cancellationToken);
        if (page is null)
        {
            return TypedResults.NotFound(new { error = "Not Found", message = $"Batch job {jobId} not found" });
        }

        var extension = contentType == "text/csv" ? "csv" : "jsonl";
        context.Response.ContentType = $"{contentType}; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{jobId}-results.{extension}\"";
        await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(false));
        var offset = 0;
        while (page is { Results.Count: > 0 })
        {
            await write(writer, page.Results, offset == 0);
            offset += page.Results.Count;
            page = offset < page.Pagination.TotalResults
                ? await jobs.GetAsync(caller, jobId, offset, DashboardJobsClient.ExportPageSize, cancellationToken)
                : null;
        }

        if (offset == 0)
        {
            await write(writer, [], true);
        }

        return TypedResults.Empty;
    }

    private static async Task WriteCsvAsync(StreamWriter writer, IReadOnlyList<ItemResultView> results, bool withHeader)
    {
        await using var csv = CsvWriter.Create(writer, null, true);
        if (withHeader)
        {
            csv.WriteHeader(CsvColumns);
        }

        foreach (var result in results)
        {
            await csv.WriteRecordAsync(
            [
                result.TaskId, result.ModelType, result.ModelName, result.Status, result.Prediction?.GetRawText() ?? "", result.RawText ?? "",
                Invariant(result.Confidence), Invariant(result.ProcessingTime), Invariant(result.Attempts), result.Error ?? "", result.ErrorCode ?? "",
            ]);
        }

        await csv.FlushAsync();
    }

    private static string Invariant(double? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static async Task WriteJsonLinesAsync(StreamWriter writer, IReadOnlyList<ItemResultView> results, JsonOptions json)
    {
        foreach (var result in results)
        {
            await writer.WriteLineAsync(JsonSerializer.Serialize(result, json.SerializerOptions));
        }
    }
}
