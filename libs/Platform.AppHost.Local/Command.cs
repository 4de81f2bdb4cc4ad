using System.Diagnostics;

namespace Platform.AppHost.Local;

/// <summary>Runs a short command to completion and collects its output.</summary>
internal static class Command
{
    public static async Task<CommandResult> RunAsync(string fileName, IEnumerable<string> arguments, CancellationToken ct = default)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        var commandLine = string.Join(' ', [fileName, .. startInfo.ArgumentList]);

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"`{commandLine}` did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return new CommandResult(commandLine, process.ExitCode, await stdout + await stderr);
    }
}
