namespace Platform.Gateway.Dashboard.Jobs;

/// <summary>One job of Jobs' `GET /api/v1/ai/batch` list; <see cref="Owner"/> is there once jobs carry their owner.</summary>
public sealed record JobSummary(
    string JobId,
    string Status,
    int TotalTasks,
    int SuccessfulTasks,
    int FailedTasks,
    double Progress,
    DateTime CreatedAt,
    DateTime? StartedAt,
    DateTime? CompletedAt,
    string? Owner = null) : IJobProgress;
