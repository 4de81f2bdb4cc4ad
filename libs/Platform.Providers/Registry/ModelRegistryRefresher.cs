using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.Providers.Registry;

/// <summary>
/// Loads the registry before the service takes traffic (a bad declared model stops start-up), then
/// re-reads it periodically so that every replica serves models registered through any other.
/// </summary>
public sealed partial class ModelRegistryRefresher(
    ModelRegistry registry,
    IOptions<ModelRegistryOptions> options,
    TimeProvider time,
    ILogger<ModelRegistryRefresher> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        registry.LoadDeclared();
        await registry.RefreshAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await registry.RefreshAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A database restart or failover: keep serving the registry as last read, and read it again at the next tick.
                    LogRefreshFailed(logger, e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-reading the model registry failed: {Reason}; serving it as last read until the next tick")]
    private static partial void LogRefreshFailed(ILogger logger, string reason);
}
