using System.Runtime.InteropServices;

namespace Platform.AppHost.Local;

internal static partial class Posix
{
    public const int SigKill = 9;
    public const int SigTerm = 15;

    public static bool IsRoot => Environment.IsPrivilegedProcess;

    /// <summary>Sends a signal; a process that is already gone is not an error here.</summary>
    public static void Signal(int pid, int signal) => _ = Kill(pid, signal);

    /// <summary>The command line of a live process with its arguments joined by spaces, or null when there is none (gone, or a zombie).</summary>
    public static string? CommandLine(int pid)
    {
        try
        {
            var raw = File.ReadAllText($"/proc/{pid}/cmdline");
            return raw.Length == 0 ? null : raw.Replace('\0', ' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);
}
