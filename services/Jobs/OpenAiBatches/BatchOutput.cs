using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Jobs.Data;
using Platform.Jobs.Domain;

namespace Platform.Jobs.OpenAiBatches;

/// <summary>
/// Writes a finished batch's output file (a `chat.completion` per answered line) and error file (every other line, with
/// why), in input order, inside the caller's transaction. Lines are `{id, custom_id, response, error}` as OpenAI writes them.
/// </summary>
public sealed class BatchOutput(JobsDbContext db, FileStore files)
{
    private const int PageSize = 1000;

    /// <param name="notRunCode">The error code of lines that never ran: the batch was cancelled, or expired.</param>
    public async Task<WrittenOutput> WriteAsync(OpenAiBatch batch, string notRunCode, CancellationToken cancellationToken)
    {
        var (output, outputWriter) = await files.CreateAsync(batch.Owner, $"{batch.Id}_output.jsonl", OpenAiFile.BatchOutputPurpose, long.MaxValue,
            cancellationToken);
        var (errors, errorWriter) = await files.CreateAsync(batch.Owner, $"{batch.Id}_error.jsonl", OpenAiFile.BatchOutputPurpose, long.MaxValue,
            cancellationToken);
        int completed = 0, failed = 0, after = -1;
        while (true)
        {
            var page = await db.JobItems.AsNoTracking()
                .Where(item => item.JobId == batch.JobId && item.Sequence > after)
                .OrderBy(item => item.Sequence).Take(PageSize)
                .Join(db.Tasks, item => item.TaskId, task => task.Id, (item, task) => new { Item = item, task.Metadata })
                .ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            using var outputLines = new MemoryStream();
            using var errorLines = new MemoryStream();
            foreach (var row in page)
            {
                var succeeded = row.Item.Status == JobItemStatus.Succeeded;
                WriteLine(succeeded ? outputLines : errorLines, row.Item, CustomIdOf(row.Metadata!), notRunCode);
                completed += succeeded ? 1 : 0;
                failed += succeeded ? 0 : 1;
            }

            await outputWriter.WriteAsync(outputLines.ToArray(), cancellationToken);
            await errorWriter.WriteAsync(errorLines.ToArray(), cancellationToken);
            after = page[^1].Item.Sequence;
        }

        return new WrittenOutput(await KeepAsync(output, outputWriter, cancellationToken), await KeepAsync(errors, errorWriter, cancellationToken),
            completed, failed);
    }

    /// <summary>A file with no lines is not kept: OpenAI leaves its id null.</summary>
    private async Task<string?> KeepAsync(OpenAiFile file, FileChunkWriter writer, CancellationToken cancellationToken)
    {
        await writer.FlushAsync(cancellationToken);
        if (writer.Bytes == 0)
        {
            db.Files.Remove(file);
            return null;
        }

        file.Bytes = writer.Bytes;
        return file.Id;
    }

    private static string CustomIdOf(string metadata)
    {
        using var document = JsonDocument.Parse(metadata);
        return document.RootElement.GetProperty(OpenAiBatchProgress.CustomIdKey).GetString()!;
    }

    private static void WriteLine(Stream stream, JobItem item, string customId, string notRunCode)
    {
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("id", $"batch_req_{item.Id:N}");
            json.WriteString("custom_id", customId);
            if (item.Status == JobItemStatus.Succeeded)
            {
                json.WriteStartObject("response");
                json.WriteNumber("status_code", 200);
                json.WriteString("request_id", item.Id.ToString("N"));
                json.WritePropertyName("body");
                json.WriteRawValue(item.Prediction!);
                json.WriteEndObject();
                json.WriteNull("error");
            }
            else
            {
                json.WriteNull("response");
                json.WriteStartObject("error");
                var ran = item.Status == JobItemStatus.Failed;
                json.WriteString("code", ran ? item.ErrorCode : notRunCode);
                json.WriteString("message", ran ? item.Error : $"The request did not run: the batch was {notRunCode.Replace("batch_", "", StringComparison.Ordinal)} first");
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
    }
}
