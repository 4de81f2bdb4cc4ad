using Hangfire;
using Microsoft.Extensions.Options;
using Platform.Providers.Accounting;

namespace Platform.Jobs.Maintenance;

/// <summary>Deletes usage records older than the retention period; the hourly rollups keep the totals.</summary>
public sealed class UsageRetention(UsageStore usage, IOptions<MaintenanceOptions> options, TimeProvider time)
{
    /// <returns>How many records were deleted, shown in the Hangfire dashboard's history.</returns>
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public Task<int> RunAsync(CancellationToken cancellationToken) =>
        usage.DeleteRecordsBeforeAsync(time.GetUtcNow() - options.Value.UsageRecordRetention, cancellationToken);
}
