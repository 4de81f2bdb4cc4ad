using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Jobs.OpenAiBatches;

/// <summary>OpenAI's file object; times are Unix seconds.</summary>
public sealed record FileObject(string Id, long Bytes, long CreatedAt, string Filename, string Purpose)
{
    [JsonPropertyName("object")]
    public string ObjectType => "file";

    /// <summary>Files are usable as soon as the upload returns.</summary>
    public string Status => "processed";

    public static FileObject Of(OpenAiFile file) => new(file.Id, file.Bytes, file.CreatedAt.ToUnixTimeSeconds(), file.Filename, file.Purpose);
}

public sealed record FileDeleted(string Id, bool Deleted)
{
    [JsonPropertyName("object")]
    public string ObjectType => "file";
}

/// <summary>OpenAI's paged list: `first_id`/`last_id` and `has_more`, continued with `after`.</summary>
public sealed record ListPage<T>(IReadOnlyList<T> Data, string? FirstId, string? LastId, bool HasMore)
{
    [JsonPropertyName("object")]
    public string ObjectType => "list";
}

/// <summary>`POST /v1/batches`.</summary>
public sealed record CreateBatchRequest(string? InputFileId, string? Endpoint, string? CompletionWindow, JsonElement? Metadata);

public sealed record RequestCounts(int Total, int Completed, int Failed);

/// <summary>Why validation failed: one entry per bad line (<see cref="Line"/> counts from 1), or for the whole file.</summary>
public sealed record BatchLineError(string Code, string Message, string? Param, int? Line);

public sealed record BatchErrors(IReadOnlyList<BatchLineError> Data)
{
    [JsonPropertyName("object")]
    public string ObjectType => "list";
}

/// <summary>OpenAI's batch object; times are Unix seconds.</summary>
public sealed record BatchObject(
    string Id,
    string Endpoint,
    BatchErrors? Errors,
    string InputFileId,
    string CompletionWindow,
    string Status,
    string? OutputFileId,
    string? ErrorFileId,
    long CreatedAt,
    long? InProgressAt,
    long ExpiresAt,
    long? FinalizingAt,
    long? CompletedAt,
    long? FailedAt,
    long? ExpiredAt,
    long? CancellingAt,
    long? CancelledAt,
    RequestCounts RequestCounts,
    string? Model,
    JsonElement? Metadata,
    [property: JsonPropertyName("platform_job_id")] string? JobId)
{
    [JsonPropertyName("object")]
    public string ObjectType => "batch";
}

/// <summary>OpenAI's error body: `{"error": {message, type, param, code}}`.</summary>
public sealed record OpenAiErrorBody(OpenAiErrorDetail Error);

public sealed record OpenAiErrorDetail(string Message, string Type, string? Param, string? Code);
