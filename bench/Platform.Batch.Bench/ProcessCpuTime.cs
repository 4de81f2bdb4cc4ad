using System.Globalization;

namespace Platform.Batch.Bench;

/// <summary>CPU time of Linux processes from /proc (utime + stime, in clock ticks of 1/100 s: USER_HZ).</summary>
internal static class ProcessCpuTime
{
    public static TimeSpan Of(int pid) => Ticks(Fields(pid), withReapedChildren: false);

    /// <summary>
    /// A server and its children: PostgreSQL runs a process per connection under its postmaster. The children that have
    /// exited count through the parent's cutime and cstime.
    /// </summary>
    public static TimeSpan OfTree(int pid)
    {
        var total = Ticks(Fields(pid), withReapedChildren: true);
        foreach (var child in Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(name => name!.All(char.IsAsciiDigit)))
        {
            try
            {
                var fields = Fields(int.Parse(child!, CultureInfo.InvariantCulture));
                if (int.Parse(fields[1], CultureInfo.InvariantCulture) == pid)
                {
                    total += Ticks(fields, withReapedChildren: false);
                }
            }
            catch (IOException)
            {
                // The process ended while the list was read.
            }
        }

        return total;
    }

    // The fields after "(comm)": state, ppid, ... utime is the 12th, stime the 13th, cutime and cstime follow.
    private static string[] Fields(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    }

    private static TimeSpan Ticks(string[] fields, bool withReapedChildren)
    {
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        if (withReapedChildren)
        {
            ticks += long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
        }

        return TimeSpan.FromMilliseconds(ticks * 10);
    }
}
