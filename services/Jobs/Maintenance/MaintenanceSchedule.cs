using Hangfire;
using Microsoft.Extensions.Options;
using Platform.Providers.Caching;

namespace Platform.Jobs.Maintenance;

/// <summary>Declares the recurring maintenance jobs at start; every replica declares the same ones, Hangfire runs each once per tick.</summary>
public sealed class MaintenanceSchedule(IRecurringJobManager recurring, IOptions<MaintenanceOptions> options) : IHostedService
{
    public const string LeaseSweepId = "lease-sweep";
    public const string CachePurgeId = "prediction-cache-purge";
    public const string UsageRetentionId = "usage-retention";
    public const string JobRetentionId = "finished-job-retention";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var schedule = options.Value;
        var utc = new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc };
        recurring.AddOrUpdate<LeaseSweep>(LeaseSweepId, sweep => sweep.RunAsync(CancellationToken.None), schedule.LeaseSweepCron, utc);
        recurring.AddOrUpdate<PredictionCache>(CachePurgeId, cache => cache.PurgeExpiredAsync(CancellationToken.None), schedule.CachePurgeCron, utc);
        recurring.AddOrUpdate<UsageRetention>(UsageRetentionId, retention => retention.RunAsync(CancellationToken.None), schedule.RetentionCron, utc);
        recurring.AddOrUpdate<FinishedJobRetention>(JobRetentionId, retention => retention.RunAsync(CancellationToken.None), schedule.RetentionCron, utc);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
