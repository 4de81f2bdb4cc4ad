namespace Platform.Gateway.Dashboard.Jobs;

/// <summary>One job of Jobs' `GET /api/v1/ai/batch` list, with the key id that submitted it.</summary>
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
