using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.Providers.Caching;

/// <summary>Deletes expired cache entries every <see cref="PredictionCacheOptions.PurgeInterval"/>; every replica may run it.</summary>
public sealed partial class CachePurgeService(
    PredictionCache cache,
    IOptions<PredictionCacheOptions> options,
    TimeProvider time,
    ILogger<CachePurgeService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PurgeInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var purged = await cache.PurgeExpiredAsync(stoppingToken);
                    if (purged > 0)
                    {
                        LogPurged(logger, purged);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogPurgeFailed(logger, e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} expired prediction cache entries")]
    private static partial void LogPurged(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging expired prediction cache entries failed: {Reason}")]
    private static partial void LogPurgeFailed(ILogger logger, string reason);
}
