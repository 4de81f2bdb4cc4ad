using Hangfire;
using Microsoft.Extensions.Options;
using Platform.Providers.Caching;

namespace Platform.Jobs.Maintenance;

/// <summary>
/// Declares the recurring maintenance jobs once the service runs; every replica declares the same ones, and Hangfire
/// runs each once per tick. Declaring takes Hangfire's lock on each job, and a replica killed while holding one leaves
/// it taken until <see cref="Extensions.MaintenanceExtensions.StaleLockTimeout"/> passes: so declaring is retried in
/// the background instead of failing the start, and the service serves in the meantime.
/// </summary>
public sealed partial class MaintenanceSchedule(
    IRecurringJobManager recurring,
    IOptions<MaintenanceOptions> options,
    TimeProvider time,
    ILogger<MaintenanceSchedule> logger) : BackgroundService
{
    public const string LeaseSweepId = "lease-sweep";
    public const string CachePurgeId = "prediction-cache-purge";
    public const string UsageRetentionId = "usage-retention";
    public const string JobRetentionId = "finished-job-retention";

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = options.Value;
        var utc = new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc };
        var declarations = new Dictionary<string, Action>
        {
            [LeaseSweepId] = () => recurring.AddOrUpdate<LeaseSweep>(LeaseSweepId, sweep => sweep.RunAsync(CancellationToken.None), schedule.LeaseSweepCron, utc),
            [CachePurgeId] = () => recurring.AddOrUpdate<PredictionCache>(CachePurgeId, cache => cache.PurgeExpiredAsync(CancellationToken.None), schedule.CachePurgeCron, utc),
            [UsageRetentionId] = () => recurring.AddOrUpdate<UsageRetention>(UsageRetentionId, retention => retention.RunAsync(CancellationToken.None), schedule.RetentionCron, utc),
            [JobRetentionId] = () => recurring.AddOrUpdate<FinishedJobRetention>(JobRetentionId, retention => retention.RunAsync(CancellationToken.None), schedule.RetentionCron, utc),
        };

        while (declarations.Count > 0)
        {
            foreach (var (id, declare) in declarations.ToList())
            {
                try
                {
                    // Hangfire's declaration blocks while it waits for the job's lock: off the start-up path.
                    await Task.Run(declare, stoppingToken);
                    declarations.Remove(id);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogDeclarationFailed(logger, id, e.Message);
                }
            }

            if (declarations.Count > 0)
            {
                await Task.Delay(RetryDelay, time, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not declare the recurring job {JobId} yet ({Reason}); trying again")]
    private static partial void LogDeclarationFailed(ILogger logger, string jobId, string reason);
}
