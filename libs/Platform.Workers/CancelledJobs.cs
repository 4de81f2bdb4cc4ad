using Microsoft.Extensions.Caching.Memory;

namespace Platform.Workers;

/// <summary>Jobs cancelled recently, so that every worker kind skips their queued items rather than starting them.</summary>
public sealed class CancelledJobs(IMemoryCache cache)
{
    /// <summary>Longer than any item can wait in a queue.</summary>
    private static readonly TimeSpan Remembered = TimeSpan.FromHours(24);

    public void Add(string jobId) => cache.Set(Key(jobId), true, Remembered);

    public bool Contains(string jobId) => cache.TryGetValue(Key(jobId), out _);

    private static string Key(string jobId) => $"cancelled:{jobId}";
}
