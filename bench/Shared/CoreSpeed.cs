using System.Diagnostics;
using System.Security.Cryptography;

/// <summary>
/// How long one fixed piece of work takes on one core now. On a shared VM the same build's CPU per item varies by up to
/// 70 % between runs while the host reports almost no stolen time: the cores themselves run slower (caches and memory
/// shared with other guests). A bench prints this beside its figures so that runs can be compared.
/// </summary>
internal static class CoreSpeed
{
    private static readonly byte[] Block = RandomNumberGenerator.GetBytes(256 * 1024);

    /// <summary>The fastest of five passes, each hashing 8 MiB in 256 KiB blocks, in milliseconds.</summary>
    public static double Probe()
    {
        var fastest = double.MaxValue;
        for (var pass = 0; pass < 5; pass++)
        {
            var started = Stopwatch.GetTimestamp();
            for (var block = 0; block < 32; block++)
            {
                SHA256.HashData(Block);
            }

            fastest = Math.Min(fastest, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return fastest;
    }
}
