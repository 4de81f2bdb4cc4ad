using System.Diagnostics;

namespace Platform.Transformer.Kernels;

/// <summary>
/// One thread per extra core that stays awake (spinning) for a short while after each parallel loop, so the
/// next loop starts on all cores at once. A forward pass runs about 60 loops of 0.1–5 ms; with the thread pool,
/// each one waits for a sleeping worker to be woken, which on a virtual machine costs a large share of a short
/// loop. A loop that finds the gang busy (another forward pass on another thread) returns false and the caller
/// uses the thread pool instead. Its owner (a host's service container, a bench) creates it, hands it to the
/// models it loads and disposes it, which ends the threads; models loaded without one use the thread pool.
/// </summary>
public sealed class WorkerGang : IDisposable
{
    /// <summary>How long an idle worker spins before it blocks: longer than the serial gaps inside a forward pass.</summary>
    private static readonly long SpinTicks = Stopwatch.Frequency / 2000;   // 0.5 ms

    private readonly Worker[] _workers;
    private int _busy;
    private long _generation;
    private Loop? _loop;
    private volatile bool _disposed;

    /// <summary>A gang of <paramref name="threads"/> threads besides the caller's, at most one per other core.</summary>
    public WorkerGang(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threads, MaxThreads);
        _workers = new Worker[threads];
        for (int i = 0; i < threads; i++)
        {
            _workers[i] = new Worker();
            var thread = new Thread(Work) { IsBackground = true, Name = $"transformer worker {i + 1}" };
            thread.Start(_workers[i]);
        }
    }

    /// <summary>The most threads a gang may have: one per core besides the caller's.</summary>
    public static int MaxThreads => Environment.ProcessorCount - 1;

    public int Threads => _workers.Length;

    /// <summary>Ends the threads once they finish the loop in hand; later loops go to the thread pool.</summary>
    public void Dispose()
    {
        _disposed = true;
        Interlocked.Increment(ref _generation);
        foreach (var worker in _workers)
            lock (worker.Gate)
                Monitor.Pulse(worker.Gate);
    }

    /// <summary>Runs body(i) for i in [0, count) on the calling thread and the gang; false when the gang is busy.</summary>
    internal bool TryRun(int count, Action<int> body)
    {
        if (_workers.Length == 0 || _disposed || Interlocked.CompareExchange(ref _busy, 1, 0) != 0) return false;
        try
        {
            var loop = new Loop(body, count);
            Volatile.Write(ref _loop, loop);
            Interlocked.Increment(ref _generation);
            foreach (var worker in _workers)
                lock (worker.Gate)
                    if (worker.Sleeping) Monitor.Pulse(worker.Gate);
            loop.RunItems();
            loop.WaitUntilDone();
            return true;
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    private void Work(object? state)
    {
        var worker = (Worker)state!;
        long seen = 0;
        while (true)
        {
            seen = WaitForLoop(worker, seen);
            if (_disposed) return;
            Volatile.Read(ref _loop)!.RunItems();
        }
    }

    private long WaitForLoop(Worker worker, long seen)
    {
        long spinUntil = Stopwatch.GetTimestamp() + SpinTicks;
        var spinner = new SpinWait();
        while (true)
        {
            long generation = Volatile.Read(ref _generation);
            if (generation != seen) return generation;
            if (Stopwatch.GetTimestamp() < spinUntil)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
                continue;
            }
            // Checked under the lock that a new loop's pulse takes, so a loop published meanwhile is never missed.
            lock (worker.Gate)
            {
                if (Volatile.Read(ref _generation) == seen)
                {
                    worker.Sleeping = true;
                    Monitor.Wait(worker.Gate);
                    worker.Sleeping = false;
                }
            }
            spinUntil = Stopwatch.GetTimestamp() + SpinTicks;
        }
    }

    private sealed class Worker
    {
        public readonly object Gate = new();   // Monitor.Wait/Pulse need an object, not a Lock
        public bool Sleeping;
    }

    /// <summary>One parallel loop: items are claimed one at a time by whichever thread is free.</summary>
    private sealed class Loop(Action<int> body, int count)
    {
        private readonly int _count = count;
        private int _next;
        private int _remaining = count;
        private Exception? _error;

        public void RunItems()
        {
            int item;
            while ((item = Interlocked.Increment(ref _next) - 1) < _count)
            {
                try
                {
                    body(item);
                }
                catch (Exception error)
                {
                    Interlocked.CompareExchange(ref _error, error, null);
                }
                Interlocked.Decrement(ref _remaining);
            }
        }

        public void WaitUntilDone()
        {
            var spinner = new SpinWait();
            while (Volatile.Read(ref _remaining) > 0) spinner.SpinOnce(sleep1Threshold: -1);
            if (_error is not null) throw new AggregateException(_error);
        }
    }
}
