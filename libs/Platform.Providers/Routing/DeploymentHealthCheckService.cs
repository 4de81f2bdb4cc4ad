using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.Providers.Routing;

/// <summary>Runs <see cref="DeploymentHealthChecker"/> every `health_check_interval` of the catalog's balancing settings.</summary>
public sealed partial class DeploymentHealthCheckService(
    DeploymentHealthChecker checker,
    ModelCatalog catalog,
    TimeProvider time,
    ILogger<DeploymentHealthCheckService> logger) : BackgroundService
{
    private static readonly TimeSpan ShortestInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var interval = catalog.LoadBalancing.HealthCheckInterval;
            await Task.Delay(interval > ShortestInterval ? interval : ShortestInterval, time, stoppingToken).ConfigureAwait(false);
            try
            {
                await checker.CheckAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogCheckFailed(logger, e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking the deployments' health failed: {Reason}; checking again at the next interval")]
    private static partial void LogCheckFailed(ILogger logger, string reason);
}
