namespace Platform.Gateway.Dashboard.Jobs;

/// <summary>Jobs' `GET /api/v1/ai/batch/{job_id}`: counts, one page of results and failures.</summary>
public sealed record JobDetail(
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
    IReadOnlyList<JobResult> Results,
    IReadOnlyList<JobFailure> FailedTasksDetails,
    JobResultPage Pagination,
    string? Owner = null) : IJobProgress;
