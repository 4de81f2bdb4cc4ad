using System.Text.Json;

namespace Platform.Jobs.OpenAiBatches;

/// <summary>`POST /v1/batches`.</summary>
public sealed record CreateBatchRequest(string? InputFileId, string? Endpoint, string? CompletionWindow, JsonElement? Metadata);
