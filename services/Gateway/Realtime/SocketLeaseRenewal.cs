using Microsoft.Extensions.Options;

namespace Platform.Gateway.Realtime;

/// <summary>Renews the leases of this replica's open WebSockets three times per lease, so one missed renewal loses none.</summary>
public sealed class SocketLeaseRenewal(SocketConnections connections, SocketLeases leases, IOptions<RealtimeOptions> options,
    TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.LeaseDuration / 3, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await leases.RenewAsync(connections.Leased, stoppingToken);
        }
    }
}
