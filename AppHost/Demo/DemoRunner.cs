using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Platform.AppHost.Demo;

/// <summary>Runs the demo job once the Gateway is healthy and, with --exit-after-demo, then stops the AppHost.</summary>
internal sealed class DemoRunner(
    ResourceNotificationService notifications,
    IOptions<PlatformSettings> settings,
    IConfiguration configuration,
    IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = settings.Value;
        if (!options.RunDemo && !options.ExitAfterDemo)
        {
            return;
        }
        var outcome = DemoOutcome.NotCompleted;
        try
        {
            await notifications.WaitForResourceHealthyAsync("gateway", WaitBehavior.StopOnResourceUnavailable, stoppingToken);
            Console.WriteLine($"[apphost] the platform is ready; the Gateway is at {options.GatewayUrl}");
            outcome = options.RunDemo
                ? await DemoJob.RunAsync(options.GatewayUrl, configuration, line => Console.WriteLine($"[demo] {line}"), stoppingToken)
                : DemoOutcome.Completed;
        }
        catch (DistributedApplicationException e)
        {
            Console.WriteLine($"[apphost] {e.Message}");
        }
        if (options.ExitAfterDemo)
        {
            Environment.ExitCode = outcome == DemoOutcome.Completed ? 0 : 1;
            lifetime.StopApplication();
        }
    }
}
