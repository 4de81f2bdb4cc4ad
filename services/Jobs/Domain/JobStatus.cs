using Platform.Contracts;
using Platform.Jobs.Callers;

namespace Platform.Jobs.Domain;

public enum JobStatus
{
    Running,
    Completed,
    Failed,
    Cancelled,
}
