using System.Globalization;

/// <summary>What else loads this (virtual) machine: other processes, and the host's other guests.</summary>
internal static class MachineLoad
{
    public static string Average() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>All cores' "steal" time of /proc/stat (clock ticks of 1/100 s) since boot.</summary>
    public static TimeSpan StolenTime()
    {
        if (!File.Exists("/proc/stat")) return TimeSpan.Zero;
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return TimeSpan.FromMilliseconds(long.Parse(cpu[8], CultureInfo.InvariantCulture) * 10);
    }
}
