using Platform.Cli;

using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, press) =>
{
    // The first Ctrl-C lets the running command wind down (a run asks whether to cancel its job); a second one ends the process.
    press.Cancel = !interrupt.IsCancellationRequested;
    interrupt.Cancel();
};

return await PlatformCli.InvokeAsync(args, CliContext.FromProcess(), interrupt.Token);
