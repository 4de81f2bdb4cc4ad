using System.Text.Json;
using Platform.Jobs.Tasks;
using Platform.Providers.Models;

namespace Platform.Jobs.Batches;

/// <summary>
/// `POST /api/v1/ai/predict/batch` body, as in seed 000; <see cref="Tasks"/> carries the tasks inline instead of
/// <see cref="TaskIds"/> naming imported ones (they are imported with the job, in its transaction).
/// </summary>
public sealed record BatchPredictRequest(
    IReadOnlyList<string?>? TaskIds,
    IReadOnlyList<AiModelConfig?>? AiModelConfigs,
    BatchConfig? BatchConfig,
    IReadOnlyList<TaskImport?>? Tasks = null)
{
    /// <summary>The job's task ids in order, whichever way they came; valid once the request passed validation.</summary>
    public IReadOnlyList<string> JobTaskIds() => Tasks is null ? [.. TaskIds!.Select(id => id!)] : [.. Tasks.Select(task => task!.Id!)];
}

/// <param name="RetryDelaySeconds">Seed 004's `retry_delay`: the first retry's wait, doubling after (a provider's Retry-After wins).</param>
public sealed record BatchConfig(int? MaxConcurrentTasks, int? RetryAttempts, int? TimeoutSeconds, double? RetryDelaySeconds = null)
{
    public const int DefaultMaxConcurrentTasks = 5;
    public const int DefaultRetryAttempts = 2;
    public const int DefaultTimeoutSeconds = 30;
}

public sealed record BatchSubmitted(string JobId, string Status, string Message);

public sealed record BatchCancelled(string JobId, string Status, string Message);

/// <summary>`GET /api/v1/ai/batch/{job_id}`: the seed's fields, plus paging of the result lists.</summary>
public sealed record BatchJobView(
    string JobId,
    string Status,
    int TotalTasks,
    int SuccessfulTasks,
    int FailedTasks,
    int CancelledTasks,
    double Progress,
    DateTime CreatedAt,
    DateTime? StartedAt,
    DateTime? CompletedAt,
    string? Error,
    IReadOnlyList<ItemResultView> Results,
    IReadOnlyList<FailedTaskView> FailedTasksDetails,
    PageView Pagination,
    string Owner);

public sealed record ItemResultView(
    string TaskId,
    string Status,
    JsonElement? Prediction,
    string? RawText,
    double? Confidence,
    double? ProcessingTime,
    string ModelType,
    string ModelName,
    int Attempts,
    string? Error,
    string? ErrorCode,
    bool Cached);

public sealed record FailedTaskView(string TaskId, string Status, string Error, string? ErrorCode, string ModelType, string ModelName, int Attempts,
    double? ProcessingTime);

/// <summary>`results` (successes) and `failed_tasks_details` (failures) page on their own offsets.</summary>
public sealed record PageView(int Offset, int Limit, int TotalResults, int FailedOffset, int FailedLimit, int TotalFailed);

public sealed record BatchJobSummary(
    string JobId,
    string Status,
    int TotalTasks,
    int SuccessfulTasks,
    int FailedTasks,
    double Progress,
    DateTime CreatedAt,
    DateTime? StartedAt,
    DateTime? CompletedAt,
    string Owner);

public sealed record BatchJobList(IReadOnlyList<BatchJobSummary> Jobs, int Total, int Offset, int Limit);
