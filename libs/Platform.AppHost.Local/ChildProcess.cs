using System.Diagnostics;
using System.Text;

namespace Platform.AppHost.Local;

/// <summary>
/// A long-running child process. It runs in its own session, so that a Ctrl-C typed in the terminal
/// reaches only the AppHost, which then stops its children in order. Its output lines are forwarded,
/// and the last ones kept to explain a failure.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private const int TailLines = 40;

    private readonly Process _process;
    private readonly Action<string>? _onLine;
    private readonly Queue<string> _tail = new();

    private ChildProcess(Process startedProcess, Action<string>? onLine)
    {
        _process = startedProcess;
        _onLine = onLine;
        _process.OutputDataReceived += (_, e) => Receive(e.Data);
        _process.ErrorDataReceived += (_, e) => Receive(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Exited = ObserveExitAsync(_process);
    }

    /// <summary>Completes with the exit code once the process has ended and its output is drained.</summary>
    public Task<int> Exited { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Tail
    {
        get
        {
            lock (_tail)
            {
                return string.Join('\n', _tail);
            }
        }
    }

    public static ChildProcess Start(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string> environment,
        string workingDirectory,
        Action<string>? onLine = null)
    {
        // setsid execs in place (the child of a fork is never a group leader), so the pid is the program's own.
        var startInfo = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        startInfo.ArgumentList.Add(fileName);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"{fileName} did not start.");
        return new ChildProcess(process, onLine);
    }

    /// <summary>SIGTERM, wait up to <paramref name="grace"/>, then SIGKILL the whole tree.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (HasExited)
        {
            return;
        }
        Posix.Signal(Id, Posix.SigTerm);
        if (!await WaitForExitAsync(grace))
        {
            Kill();
            await Exited;
        }
    }

    public void Kill() => _process.Kill(entireProcessTree: true);

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await Exited.WaitAsync(timeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public void Dispose() => _process.Dispose();

    // The exit code is read here, once, so that it stays known after the Process is disposed.
    private static async Task<int> ObserveExitAsync(Process process)
    {
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    private void Receive(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_tail)
        {
            if (_tail.Count == TailLines)
            {
                _tail.Dequeue();
            }
            _tail.Enqueue(line);
        }
        _onLine?.Invoke(line);
    }
}
