namespace Platform.Contracts.Http.Batches;

/// <summary>One job of `GET /api/v1/ai/batch`, with the key id that submitted it.</summary>
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
    string Owner) : IJobProgress;
