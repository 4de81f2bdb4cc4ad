namespace Platform.Jobs.Domain;

public enum JobStatus
{
    Running,
    Completed,
    Failed,
    Cancelled,
}
