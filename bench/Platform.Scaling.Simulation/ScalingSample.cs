namespace Platform.Scaling.Simulation;

/// <summary>The state at one second of the run.</summary>
public sealed record ScalingSample(int Second, long QueueDepth, int DesiredReplicas, int ReadyReplicas, long Completed, double ItemsPerSecond);
