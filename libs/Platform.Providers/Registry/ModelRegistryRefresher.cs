using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Platform.Providers.Registry;

/// <summary>
/// Loads the registry before the service takes traffic (a bad declared model stops start-up), then
/// re-reads it periodically so that every replica serves models registered through any other.
/// </summary>
public sealed class ModelRegistryRefresher(ModelRegistry registry, IOptions<ModelRegistryOptions> options, TimeProvider time)
    : BackgroundService
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
                await registry.RefreshAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
