using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Jobs.Data;
using Platform.Jobs.Domain;

namespace Platform.Jobs.Maintenance;

/// <summary>Deletes jobs that ended before the retention period, with their items (the tasks stay: they are the caller's input).</summary>
public sealed class FinishedJobRetention(JobsDbContext db, IOptions<MaintenanceOptions> options, TimeProvider time)
{
    /// <returns>How many jobs were deleted, shown in the Hangfire dashboard's history.</returns>
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - options.Value.FinishedJobRetention;
        return db.Jobs.Where(job => job.Status != JobStatus.Running && job.CompletedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }
}
