using System.Runtime.InteropServices;

namespace Platform.AppHost.Orchestration;

/// <summary>
/// The first Ctrl-C, SIGTERM or SIGHUP asks for an orderly stop; a second one ends the AppHost at once
/// (the next run then stops whatever it left behind).
/// </summary>
internal sealed class ShutdownSignals : IDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private readonly PosixSignalRegistration[] registrations;

    public ShutdownSignals(Action<string> log) =>
        registrations = [.. ((PosixSignal[])[PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP])
            .Select(signal => PosixSignalRegistration.Create(signal, context =>
            {
                context.Cancel = !stopping.IsCancellationRequested;
                log(context.Cancel ? $"{context.Signal} received" : $"{context.Signal} again: exiting now");
                stopping.Cancel();
            }))];

    public CancellationToken Token => stopping.Token;

    public bool StopRequested => stopping.IsCancellationRequested;

    public void Dispose()
    {
        foreach (var registration in registrations)
        {
            registration.Dispose();
        }
        stopping.Dispose();
    }
}
