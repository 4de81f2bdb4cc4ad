namespace Platform.Jobs.Domain;

public enum JobItemStatus
{
    Pending,
    Dispatched,
    Succeeded,
    Failed,
    Cancelled,
}
