using System.Diagnostics;
using System.Globalization;

namespace Platform.AppHost.Local;

/// <summary>
/// Pid files let a run find the processes a previous run left behind when it was killed without
/// cleaning up. A pid only counts when the live process's command line also contains a marker
/// (such as its data directory), so a stale file or a recycled pid never hits an unrelated process.
/// </summary>
internal static class PidFile
{
    public static void Write(string path, int pid) => File.WriteAllText(path, pid.ToString(CultureInfo.InvariantCulture));

    public static int? FindLive(string path, string marker)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        var firstLine = File.ReadLines(path).FirstOrDefault();
        return int.TryParse(firstLine, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
               && Posix.CommandLine(pid)?.Contains(marker, StringComparison.Ordinal) == true
            ? pid
            : null;
    }

    /// <summary>Ends the leftover process of <paramref name="path"/>, if any: SIGTERM, then SIGKILL after the grace period.</summary>
    public static async Task StopLeftoverAsync(string path, string marker, string description, TimeSpan grace, Action<string> log)
    {
        if (FindLive(path, marker) is { } pid)
        {
            log($"stopping {description} (pid {pid}) left running by a previous run");
            Posix.Signal(pid, Posix.SigTerm);
            if (!await WaitUntilGoneAsync(pid, marker, grace))
            {
                Posix.Signal(pid, Posix.SigKill);
                await WaitUntilGoneAsync(pid, marker, TimeSpan.FromSeconds(5));
            }
        }
        File.Delete(path);
    }

    private static async Task<bool> WaitUntilGoneAsync(int pid, string marker, TimeSpan timeout)
    {
        // A timeout is elapsed time, not a wall-clock deadline that a clock adjustment would move.
        var elapsed = Stopwatch.StartNew();
        while (Posix.CommandLine(pid)?.Contains(marker, StringComparison.Ordinal) == true)
        {
            if (elapsed.Elapsed > timeout)
            {
                return false;
            }
            await Task.Delay(100);
        }
        return true;
    }
}
