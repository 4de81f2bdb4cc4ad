using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;

namespace Platform.AppHost.Local;

/// <summary>A platform service run as <c>dotnet exec &lt;assembly&gt;</c>, its output lines prefixed with its name.</summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private static readonly TimeSpan DisposeGrace = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    // Health checks go straight to loopback: an HTTP_PROXY in the environment must not catch them.
    private static readonly HttpClient HealthClient = new(new SocketsHttpHandler { UseProxy = false })
    {
        Timeout = TimeSpan.FromSeconds(5),
    };

    private readonly ChildProcess _process;

    private ServiceProcess(string name, ChildProcess process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Completes with the exit code when the process ends.</summary>
    internal Task<int> Exited => _process.Exited;

    public static ServiceProcess Start(string name, string assemblyPath, IReadOnlyDictionary<string, string> environment, Action<string> output)
    {
        if (!File.Exists(assemblyPath))
        {
            throw new FileNotFoundException(
                $"{name}: {assemblyPath} does not exist; `dotnet build AppHost/Platform.AppHost.csproj` builds every service.", assemblyPath);
        }
        var prefix = $"[{name}] ";
        var child = ChildProcess.Start(
            DotnetHostPath(), ["exec", assemblyPath], environment, Path.GetDirectoryName(assemblyPath)!, line => output(prefix + line));
        return new ServiceProcess(name, child);
    }

    /// <summary>Polls <paramref name="healthUrl"/> until it answers 200.</summary>
    /// <exception cref="InvalidOperationException">The process exited first.</exception>
    /// <exception cref="TimeoutException">No 200 within <paramref name="timeout"/>.</exception>
    public async Task WaitReadyAsync(Uri healthUrl, TimeSpan timeout, CancellationToken ct = default)
    {
        var elapsed = Stopwatch.StartNew();
        var lastAnswer = "no answer yet";
        while (true)
        {
            if (HasExited)
            {
                throw new InvalidOperationException(
                    $"{Name} exited with code {_process.ExitCode} before {healthUrl} answered. Its last output:\n{_process.Tail}");
            }
            try
            {
                using var response = await HealthClient.GetAsync(healthUrl, ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
                lastAnswer = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}";
            }
            catch (HttpRequestException e)
            {
                lastAnswer = e.Message;
            }
            catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
            {
                lastAnswer = e.Message;
            }
            if (elapsed.Elapsed > timeout)
            {
                throw new TimeoutException(
                    $"{Name} was not ready at {healthUrl} within {timeout.TotalSeconds:0} s (last answer: {lastAnswer}). Its last output:\n{_process.Tail}");
            }
            await Task.Delay(PollInterval, ct);
        }
    }

    /// <summary>SIGKILLs the process tree at once, as a crash would end it.</summary>
    public void Kill() => _process.Kill();

    /// <summary>SIGTERM (the host shuts down gracefully), then SIGKILL after <paramref name="grace"/>.</summary>
    public Task StopAsync(TimeSpan grace) => _process.StopAsync(grace);

    public async ValueTask DisposeAsync()
    {
        await StopAsync(DisposeGrace);
        _process.Dispose();
    }

    /// <summary>The dotnet host running this process, so that services run on the same runtime installation.</summary>
    private static string DotnetHostPath()
    {
        // A framework-dependent app's runtime lives in <dotnet root>/shared/Microsoft.NETCore.App/<version>/.
        var dotnetRoot = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var host = Path.Combine(dotnetRoot, "dotnet");
        return File.Exists(host) ? host : "dotnet";
    }
}
