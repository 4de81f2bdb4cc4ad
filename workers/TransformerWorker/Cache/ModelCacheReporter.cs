using MassTransit;
using Microsoft.Extensions.Options;
using Platform.TransformerWorker.Models;

namespace Platform.TransformerWorker.Cache;

/// <summary>Publishes this replica's cache report at a fixed interval: hits and loads change it between managed changes too.</summary>
public sealed class ModelCacheReporter(IBus bus, ModelCacheReplicas replicas, IOptions<TransformerOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CacheReportInterval);
        do
        {
            try
            {
                await bus.Publish(replicas.Report(), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The broker is away; the next tick reports again.
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
