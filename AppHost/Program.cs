using System.Text;
using Platform.AppHost.Demo;
using Platform.AppHost.Orchestration;

namespace Platform.AppHost;

// An explicit entry point: top-level statements would make a public Program type (ASP.NET Core's
// generator does so for tests), which clashes with the services' Program in projects referencing both.
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine(AppHostOptions.Usage);
            return 0;
        }
        Console.OutputEncoding = Encoding.UTF8;
        var options = AppHostOptions.Parse(args);
        var console = new ConsoleLog();
        var say = console.For("apphost", AnsiColor.White);
        using var signals = new ShutdownSignals(say);
        try
        {
            await using var stack = await PlatformStack.StartAsync(StackSettings.FromConfiguration(options.Configuration), console, signals.Token);
            var demo = options.RunDemo ? await DemoJob.RunAsync(stack.GatewayUrl, options.Configuration, console, signals.Token) : DemoOutcome.NotRun;
            if (options.ExitAfterDemo)
            {
                return demo == DemoOutcome.Completed || !options.RunDemo ? 0 : 1;
            }
            say("running; press Ctrl-C to stop");
            await Task.Delay(Timeout.Infinite, signals.Token); // ends by the cancellation caught below
            return 0;
        }
        catch (OperationCanceledException) when (signals.StopRequested)
        {
            return 0;
        }
        catch (Exception e)
        {
            // The expected failures explain themselves; anything else gets its stack trace.
            console.Error(e is InvalidOperationException or TimeoutException or IOException ? e.Message : e.ToString());
            return 1;
        }
    }
}
