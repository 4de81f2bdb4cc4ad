using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Jobs.OpenAiBatches;

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
