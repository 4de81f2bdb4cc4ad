using System.Text.Json.Serialization;

namespace Platform.Contracts.Http.Batches;

/// <summary>`GET /api/v1/ai/batch/{job_id}`: the seed's fields, plus paging of the result lists and the key id that submitted it.</summary>
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
    string Owner) : IJobProgress
{
    [JsonIgnore]
    public bool HasEnded => Status is "completed" or "failed" or "cancelled";

    [JsonIgnore]
    public int EndedItems => SuccessfulTasks + FailedTasks + CancelledTasks;
}
