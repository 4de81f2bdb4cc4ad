namespace Platform.Scaling.Simulation;

/// <summary>The job, the worker and the ScaledObject/HPA settings the simulation runs with.</summary>
public sealed record ScalingParameters
{
    public int Items { get; init; } = 1_000_000;

    /// <summary>Items per second one replica completes with all its slots busy.</summary>
    public double ItemsPerSecondPerReplica { get; init; } = 250;

    /// <summary>Items one replica holds in flight (Worker__MaxConcurrentItems), also the ScaledObject's target value.</summary>
    public int ItemsInFlightPerReplica { get; init; } = 32;

    /// <summary>Items Jobs keeps sent and unfinished (the job's max_concurrent_tasks, at most 100 through the API).</summary>
    public int Window { get; init; } = 100;

    public int MinReplicas { get; init; } = 2;
    public int MaxReplicas { get; init; } = 40;

    /// <summary>Seconds from a replica's creation to its readiness (scheduling, .NET start, bus connection).</summary>
    public int StartupSeconds { get; init; } = 20;

    /// <summary>KEDA's pollingInterval: how often the queue's depth is read.</summary>
    public int PollingSeconds { get; init; } = 10;

    /// <summary>The HPA's scale-down stabilization window (default 300 s).</summary>
    public int ScaleDownStabilizationSeconds { get; init; } = 300;
}
