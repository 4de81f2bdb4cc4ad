using System.Diagnostics;

/// <summary>
/// How long one thread takes to wake another and be woken back, now. The batch queue's turns are chains of such wake-ups
/// (a socket read, a thread-pool hand-off, a PostgreSQL backend, a broker process), and on a shared VM their cost moves
/// with the host's load while its reported stolen time stays near zero and compute-bound work runs at full speed: the
/// same build's CPU per item at window 10 ranged from 6 to 13 ms. A bench prints this beside its figures.
/// </summary>
internal static class WakeUpProbe
{
    private const int RoundTrips = 2_000;

    /// <summary>The median of five passes of <see cref="RoundTrips"/> round trips, in microseconds per round trip.</summary>
    public static double Microseconds()
    {
        var passes = Enumerable.Range(0, 5).Select(_ => Pass()).Order().ToList();
        return passes[passes.Count / 2];
    }

    private static double Pass()
    {
        using var ping = new AutoResetEvent(false);
        using var pong = new AutoResetEvent(false);
        var other = new Thread(() =>
        {
            for (var trip = 0; trip < RoundTrips; trip++)
            {
                ping.WaitOne();
                pong.Set();
            }
        });
        other.Start();
        var started = Stopwatch.GetTimestamp();
        for (var trip = 0; trip < RoundTrips; trip++)
        {
            ping.Set();
            pong.WaitOne();
        }

        var microseconds = Stopwatch.GetElapsedTime(started).TotalMicroseconds / RoundTrips;
        other.Join();
        return microseconds;
    }
}
