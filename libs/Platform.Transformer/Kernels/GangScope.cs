namespace Platform.Transformer.Kernels;

/// <summary>While alive, the thread's loops run on the gang given to <see cref="Parallelism.Use"/>; disposing restores the previous one.</summary>
internal readonly struct GangScope(WorkerGang? previous) : IDisposable
{
    public void Dispose() => Parallelism.Restore(previous);
}
