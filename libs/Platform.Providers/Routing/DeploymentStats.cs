namespace Platform.Providers.Routing;

/// <summary>
/// What one deployment's recent calls say about it: health by consecutive outcomes (seed 003's
/// `failure_threshold` / `recovery_threshold`), a moving average of response times, the error rate over
/// the last calls, and the calls in flight. Thread-safe.
/// </summary>
public sealed class DeploymentStats(int window, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Queue<double> _latenciesMs = new();
    private readonly Queue<bool> _failures = new();
    private double _latenciesMsSum; // read on every balanced call, so kept rather than summed each time
    private int _failuresInWindow;
    private int _consecutiveFailures;
    private int _consecutiveSuccesses;
    private int _inFlight;

    public bool IsHealthy { get; private set; } = true;

    public DateTimeOffset? LastCheck { get; private set; }

    public int InFlight => Volatile.Read(ref _inFlight);

    public double? AverageLatencyMs
    {
        get
        {
            lock (_gate)
            {
                return _latenciesMs.Count == 0 ? null : _latenciesMsSum / _latenciesMs.Count;
            }
        }
    }

    public double ErrorRate
    {
        get
        {
            lock (_gate)
            {
                return _failures.Count == 0 ? 0 : (double)_failuresInWindow / _failures.Count;
            }
        }
    }

    /// <summary>True while calls have failed lately without the deployment having been marked unhealthy yet.</summary>
    public bool IsFailing
    {
        get
        {
            lock (_gate)
            {
                return _consecutiveFailures > 0;
            }
        }
    }

    /// <summary>Counts a call in flight until the returned scope is disposed (once, however often it is disposed).</summary>
    public IDisposable Track()
    {
        Interlocked.Increment(ref _inFlight);
        return new InFlightScope(this);
    }

    public void RecordSuccess(TimeSpan latency, LoadBalancingSettings settings)
    {
        lock (_gate)
        {
            _latenciesMsSum += latency.TotalMilliseconds - (Enqueue(_latenciesMs, latency.TotalMilliseconds) ?? 0);
            RecordOutcome(failed: false);
            Succeeded(settings);
        }
    }

    public void RecordFailure(LoadBalancingSettings settings)
    {
        lock (_gate)
        {
            RecordOutcome(failed: true);
            Failed(settings);
        }
    }

    /// <summary>A health probe counts toward the thresholds but not toward response times and error rate, which describe real calls.</summary>
    public void RecordProbe(bool succeeded, LoadBalancingSettings settings)
    {
        lock (_gate)
        {
            LastCheck = time.GetUtcNow();
            if (succeeded)
            {
                Succeeded(settings);
            }
            else
            {
                Failed(settings);
            }
        }
    }

    private void Succeeded(LoadBalancingSettings settings)
    {
        _consecutiveFailures = 0;
        _consecutiveSuccesses++;
        if (!IsHealthy && _consecutiveSuccesses >= settings.RecoveryThreshold)
        {
            IsHealthy = true;
        }
    }

    private void Failed(LoadBalancingSettings settings)
    {
        _consecutiveSuccesses = 0;
        _consecutiveFailures++;
        if (IsHealthy && _consecutiveFailures >= settings.FailureThreshold)
        {
            IsHealthy = false;
        }
    }

    private void RecordOutcome(bool failed)
    {
        LastCheck = time.GetUtcNow();
        if (Enqueue(_failures, failed) is true)
        {
            _failuresInWindow--;
        }

        if (failed)
        {
            _failuresInWindow++;
        }
    }

    /// <summary>Adds to a bounded queue and returns what fell out of the window, if anything.</summary>
    private T? Enqueue<T>(Queue<T> queue, T value) where T : struct
    {
        queue.Enqueue(value);
        return queue.Count > window ? queue.Dequeue() : null;
    }

    private sealed class InFlightScope(DeploymentStats stats) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref stats._inFlight);
            }
        }
    }
}
