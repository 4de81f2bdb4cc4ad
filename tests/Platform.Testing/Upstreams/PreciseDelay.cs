using System.Diagnostics;

namespace Platform.Testing.Upstreams;

/// <summary>
/// Delays that end when asked, to within half a millisecond. On Linux, .NET's timers (and so `Task.Delay`) count in the
/// coarse monotonic clock's ticks of 4 ms: a 50 ms `Task.Delay` ended after 52 ms on average (up to 57), so a fake
/// upstream told to answer in 50 ms answered in 52, and a bench's limit of window ÷ latency was 4 % more than its
/// upstream allowed. One thread waits for the earliest deadline with `Monitor.Wait`, whose timeouts the kernel's
/// high-resolution timers keep (a 50 ms wait ends after 50.2 ms), however many delays are pending.
/// </summary>
public static class PreciseDelay
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(0.5);
    private static readonly PriorityQueue<TaskCompletionSource, long> Pending = new();
    private static readonly object Gate = new();

    static PreciseDelay() => new Thread(CompleteDue) { IsBackground = true, Name = "Precise delays" }.Start();

    /// <summary>Completes <paramref name="delay"/> from now, or throws <see cref="OperationCanceledException"/> when cancelled first.</summary>
    public static Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        var elapsed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var deadline = Stopwatch.GetTimestamp() + (long)(delay.TotalSeconds * Stopwatch.Frequency);
        lock (Gate)
        {
            Pending.Enqueue(elapsed, deadline);
            Monitor.Pulse(Gate);
        }

        // A cancelled delay stays queued until its deadline, where completing it again changes nothing.
        return elapsed.Task.WaitAsync(cancellationToken);
    }

    private static void CompleteDue()
    {
        lock (Gate)
        {
            while (true)
            {
                if (!Pending.TryPeek(out var elapsed, out var deadline))
                {
                    Monitor.Wait(Gate);
                    continue;
                }

                var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
                if (remaining <= Tolerance)
                {
                    Pending.Dequeue();
                    elapsed.TrySetResult();
                    continue;
                }

                // Whole milliseconds only: wake up to half a millisecond early rather than late.
                Monitor.Wait(Gate, Math.Max(1, (int)(remaining - Tolerance).TotalMilliseconds));
            }
        }
    }
}
