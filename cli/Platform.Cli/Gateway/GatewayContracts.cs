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
    string? PromptTemplate);

public sealed record BatchConfig(int? MaxConcurrentTasks, int? RetryAttempts, int? TimeoutSeconds);

public sealed record BatchRequest(IReadOnlyList<string> TaskIds, IReadOnlyList<ModelConfig> AiModelConfigs, BatchConfig BatchConfig);

public sealed record BatchSubmitted(string JobId, string Status, string Message);

public sealed record BatchCancelled(string JobId, string Status, string Message);

public sealed record BatchJob(string JobId, string Status, int TotalTasks, int SuccessfulTasks, int FailedTasks, int CancelledTasks,
    double Progress, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt, string? Error,
    IReadOnlyList<ItemResult> Results, ResultPage Pagination)
{
    public bool HasEnded => Status is "completed" or "failed" or "cancelled";

    public int EndedItems => SuccessfulTasks + FailedTasks + CancelledTasks;
}

public sealed record ItemResult(string TaskId, string Status, JsonElement? Prediction, string? RawText, double? Confidence,
    double? ProcessingTime, string ModelType, string ModelName, int Attempts, string? Error, string? ErrorCode);

public sealed record ResultPage(int Offset, int Limit, int TotalResults, int TotalFailed);

public sealed record JobSummary(string JobId, string Status, int TotalTasks, int SuccessfulTasks, int FailedTasks, double Progress,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt);

public sealed record JobList(IReadOnlyList<JobSummary> Jobs, int Total, int Offset, int Limit);
