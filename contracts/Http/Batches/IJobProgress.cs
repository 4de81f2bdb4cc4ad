namespace Platform.Contracts.Http.Batches;

/// <summary>What a job's progress figures are computed from, in the list and on its page alike.</summary>
public interface IJobProgress
{
    string Status { get; }
    int TotalTasks { get; }
    int SuccessfulTasks { get; }
    int FailedTasks { get; }
    double Progress { get; }
    DateTime? StartedAt { get; }
    DateTime? CompletedAt { get; }
}
