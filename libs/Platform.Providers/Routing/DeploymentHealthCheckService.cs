using Microsoft.Extensions.Hosting;

namespace Platform.Providers.Routing;

/// <summary>Runs <see cref="DeploymentHealthChecker"/> every `health_check_interval` of the catalog's balancing settings.</summary>
public sealed class DeploymentHealthCheckService(DeploymentHealthChecker checker, ModelCatalog catalog, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan ShortestInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var interval = catalog.LoadBalancing.HealthCheckInterval;
            await Task.Delay(interval > ShortestInterval ? interval : ShortestInterval, time, stoppingToken).ConfigureAwait(false);
            await checker.CheckAsync(stoppingToken).ConfigureAwait(false);
        }
    }
}
