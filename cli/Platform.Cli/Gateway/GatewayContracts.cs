using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.Cli.Gateway;

// The Gateway's JSON, in the fields the command line uses (snake_case on the wire).

public sealed record CreateKeyRequest(string Name, string? Role, int? RequestsPerMinute, DateTimeOffset? ExpiresAt);

public sealed record CreatedKey(string Id, string Key, string Name, string Role, string Prefix, int? RequestsPerMinute, DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt);

public sealed record KeySummary(string Id, string Name, string Role, string Prefix, int? RequestsPerMinute, DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, bool Revoked, DateTimeOffset? RevokedAt);

public sealed record KeyList(IReadOnlyList<KeySummary> Keys);

public sealed record TaskImport(string Id, string Content, JsonObject? Metadata);

public sealed record TasksImported(int Imported, int Created, int Updated);

public sealed record ModelConfig(string ModelType, string ModelName, string? ApiKey, string? BaseUrl, double? Temperature, int? MaxTokens,
    string? PromptTemplate, string? SystemPrompt, bool? EnableCache, int? CacheTtl);

public sealed record BatchConfig(int? MaxConcurrentTasks, int? RetryAttempts, int? TimeoutSeconds, double? RetryDelaySeconds);

public sealed record BatchRequest(IReadOnlyList<string> TaskIds, IReadOnlyList<ModelConfig> AiModelConfigs, BatchConfig BatchConfig);

public sealed record BatchSubmitted(string JobId, string Status, string Message);

public sealed record BatchCancelled(string JobId, string Status, string Message);

public sealed record BatchJob(string JobId, string Status, int TotalTasks, int SuccessfulTasks, int FailedTasks, int CancelledTasks,
    double Progress, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt, string? Error,
    IReadOnlyList<ItemResult> Results, IReadOnlyList<FailedTask> FailedTasksDetails, ResultPage Pagination)
{
    public bool HasEnded => Status is "completed" or "failed" or "cancelled";

    public int EndedItems => SuccessfulTasks + FailedTasks + CancelledTasks;
}

public sealed record ItemResult(string TaskId, string Status, JsonElement? Prediction, string? RawText, double? Confidence,
    double? ProcessingTime, string ModelType, string ModelName, int Attempts, string? Error, string? ErrorCode, bool Cached);

public sealed record FailedTask(string TaskId, string Status, string Error, string? ErrorCode, string ModelType, string ModelName, int Attempts,
    double? ProcessingTime)
{
    public ItemResult ToResult() => new(TaskId, Status, null, null, null, ProcessingTime, ModelType, ModelName, Attempts, Error, ErrorCode, Cached: false);
}

public sealed record ResultPage(int Offset, int Limit, int TotalResults, int FailedOffset, int FailedLimit, int TotalFailed);

public sealed record CacheStats(long TotalEntries, long CacheHits, long CacheMisses, double HitRate, string MemoryUsage, DateTimeOffset? OldestEntry,
    DateTimeOffset? NewestEntry, long ExpiredEntries);

public sealed record CacheCleared(string Message, long ClearedEntries);

public sealed record CachePurged(string Message, int PurgedEntries);

public sealed record CacheEntry(string Key, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, bool Expired, int SizeBytes, string? ModelVersion,
    string AnswerPreview);

public sealed record CacheEntryList(IReadOnlyList<CacheEntry> Entries, long Total, int Offset, int Limit);

public sealed record JobSummary(string JobId, string Status, int TotalTasks, int SuccessfulTasks, int FailedTasks, double Progress,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt);

public sealed record JobList(IReadOnlyList<JobSummary> Jobs, int Total, int Offset, int Limit);
